using System.Diagnostics;
using System.Text.Json.Nodes;
using PeerFlow.Bench.Proxy;

namespace PeerFlow.Bench.Scenarios;

/// <summary>
/// Orchestration steps per second of one local engine on Azurite, beside Azurite's raw table write rate measured in the
/// same run: N instances of a K-activity chain, started while the engine runs them, timed from the first start to the
/// last completion the engine recorded.
/// </summary>
internal static class ThroughputScenario
{
    private const string IdPrefix = "chain-";

    public static async Task<Report> RunAsync(BenchArgs args)
    {
        var instances = args.Int("instances", 100);
        var activities = args.Int("activities", 10);
        var startParallelism = args.Int("start-parallelism", 16);
        var writes = args.Int("writes", 1000);
        var writeParallelism = args.Int("write-parallelism", 16);
        var limit = TimeSpan.FromSeconds(args.Double("limit", 300));
        var loadStart = LoadAverage.Read();
        var connectionString = BenchEngine.ConnectionString;
        var hub = BenchEngine.NewHub("tput");

        // Opt-in: the proxy costs CPU on the same two cores, so the default run measures the engine without it.
        var countRequests = args.Int("count-requests", 0) != 0;

        Run run;
        int maxOrchestrations, maxActivities;
        double writesPerSecond;
        long? requests = null;
        JsonObject? byOperation = null;
        await using var proxy = countRequests ? CountingProxy.Start(connectionString) : null;
        try
        {
            await using (var engine = await BenchEngine.StartAsync(proxy?.ConnectionString ?? connectionString, hub, ChainWorkload.Register))
            {
                maxOrchestrations = engine.Service.MaxConcurrentTaskOrchestrationWorkItems;
                maxActivities = engine.Service.MaxConcurrentTaskActivityWorkItems;
                // One instance first: the JIT, the gRPC stream and the partition leases are then in place, and the timed run
                // measures the engine at work rather than starting up.
                var warmup = await engine.Client.ScheduleNewOrchestrationInstanceAsync(ChainWorkload.Orchestrator, activities);
                using (var warm = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
                {
                    await engine.Client.WaitForInstanceCompletionAsync(warmup, warm.Token);
                }

                proxy?.Tally.Reset();
                run = await RunChainsAsync(engine, instances, activities, startParallelism, limit);
                if (proxy is not null)
                {
                    // Includes the benchmark's own polls (one query every 500 ms), a small share of the total.
                    requests = proxy.Tally.Total;
                    byOperation = new JsonObject();
                    foreach (var (operation, count) in proxy.Tally.Snapshot())
                    {
                        byOperation[operation] = count;
                    }
                }
            }

            // The engine is stopped first, so that its polling does not take from Azurite's raw figure.
            writesPerSecond = await AzuriteWriteRate.MeasureAsync(connectionString, writes, writeParallelism, TimeSpan.FromMinutes(2));
        }
        finally
        {
            await BenchEngine.DeleteHubAsync(connectionString, hub);
        }

        var seconds = run.Elapsed.TotalSeconds;
        var steps = instances * (activities + 1);
        var stepsPerSecond = steps / seconds;
        return new Report("throughput")
            .Set("steps_per_s", stepsPerSecond, 1)
            .Set("azurite_writes_per_s", writesPerSecond, 1)
            .Set("ratio", stepsPerSecond / writesPerSecond, 3)
            .Set("orchestrations_per_s", instances / seconds, 2)
            .Set("activities_per_s", instances * activities / seconds, 1)
            .Set("requests_per_step", requests is { } r ? (double)r / steps : double.NaN, 2)
            .Set("requests_by_operation", byOperation)
            .Set("seconds", seconds, 2)
            .Set("start_phase_s", run.StartPhase.TotalSeconds, 2)
            .Set("load_start", loadStart)
            .Set("load_end", LoadAverage.Read())
            .Set("cores", Environment.ProcessorCount)
            .Set("instances", instances)
            .Set("activities_per_instance", activities)
            .Set("steps", steps)
            .Set("start_parallelism", startParallelism)
            .Set("max_concurrent_orchestrations", maxOrchestrations)
            .Set("max_concurrent_activities", maxActivities)
            .Set("raw_writes", writes)
            .Set("write_parallelism", writeParallelism);
    }

    private static async Task<Run> RunChainsAsync(BenchEngine engine, int instances, int activities, int startParallelism, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var starting = StartAllAsync(engine, instances, activities, startParallelism, clock, timeout.Token);
        var lastProgress = TimeSpan.Zero;
        try
        {
            while (true)
            {
                // Not too often: each poll is a table scan Azurite serves besides the engine's requests.
                await Task.Delay(500, timeout.Token);
                if (starting.IsFaulted)
                {
                    await starting; // surfaces a failed start
                }

                var finished = await InstanceCounts.FinishedAsync(engine.Client, IdPrefix, timeout.Token);
                if (finished.Failed > 0)
                {
                    throw new BenchFailedException($"{finished.Failed} chain instances failed; the workload cannot fail, so the engine has a problem.");
                }

                if (finished.Completed == instances)
                {
                    return new Run(finished.LastUpdatedAt - startedAt, await starting);
                }

                if (clock.Elapsed - lastProgress >= TimeSpan.FromSeconds(5))
                {
                    lastProgress = clock.Elapsed;
                    Console.Error.WriteLine($"bench:   {clock.Elapsed.TotalSeconds,5:0} s: {finished.Completed}/{instances} completed");
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new BenchFailedException($"The {instances} chains did not all complete within {limit.TotalSeconds:0} s.");
        }
    }

    /// <summary>Schedules every instance, <paramref name="parallelism"/> at a time; returns how long that took.</summary>
    private static async Task<TimeSpan> StartAllAsync(BenchEngine engine, int instances, int activities, int parallelism, Stopwatch clock, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(
            Enumerable.Range(0, instances),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (i, ct) => await engine.Client.ScheduleNewOrchestrationInstanceAsync(
                ChainWorkload.Orchestrator, activities, new Microsoft.DurableTask.StartOrchestrationOptions($"{IdPrefix}{i:D5}"), ct));
        return clock.Elapsed;
    }

    /// <param name="Elapsed">From the first start to the last completion, by the engine's record of it.</param>
    private sealed record Run(TimeSpan Elapsed, TimeSpan StartPhase);
}
