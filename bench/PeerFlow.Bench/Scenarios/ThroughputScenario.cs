using System.Diagnostics;
using Azure.Data.Tables;
using PeerFlow.Durable.Storage.Azure;

namespace PeerFlow.Bench.Scenarios;

/// <summary>
/// Steps per second of one worker on Azurite, set against what Azurite itself manages on this machine: the raw rate
/// of single-entity table writes at the same concurrency, measured in the same run. The ratio is what says something
/// about the engine; the absolute numbers mostly say how fast this machine runs Azurite (a single Node.js process).
/// </summary>
internal static class ThroughputScenario
{
    public static async Task<Report> RunAsync(BenchArgs args)
    {
        var instances = args.Int("instances", 500);
        var concurrency = args.Int("concurrency", 16);
        var startParallelism = args.Int("start-parallelism", concurrency);
        var writeSeconds = args.Double("write-seconds", 5);

        // Requests are counted too (a pipeline policy costs next to nothing), to show what the engine asked of Azurite.
        var counter = new RequestCounter();
        var clients = AzureStorageClients.FromConnectionString(AzuriteEngine.ConnectionString, counter.Configure);
        SequenceWorkload.Run run;
        long requests;
        await using (var engine = await AzuriteEngine.StartAsync(AzuriteEngine.NewHub("tput"), clients, SequenceWorkload.Register, o => o.MaxConcurrentInstances = concurrency))
        {
            var observer = new InstanceObserver(engine.Hub);
            await Task.Delay(500);
            counter.Reset();
            run = await SequenceWorkload.RunAsync(engine.Client, observer, instances, startParallelism, TimeSpan.FromMinutes(4));
            requests = counter.Total;
        }

        // The engine is stopped first, so that its idle polling does not take from the raw figure.
        var writesPerSecond = await MeasureRawWritesAsync(concurrency, TimeSpan.FromSeconds(writeSeconds));

        var seconds = run.Elapsed.TotalSeconds;
        var steps = instances * SequenceWorkload.StepsPerInstance;
        var stepsPerSecond = steps / seconds;
        return new Report("throughput")
            .Set("orchestrations_per_s", instances / seconds, 1)
            .Set("steps_per_s", stepsPerSecond, 1)
            .Set("azurite_writes_per_s", writesPerSecond, 1)
            .Set("ratio", stepsPerSecond / writesPerSecond, 3)
            .Set("engine_requests_per_s", requests / seconds, 1)
            .Set("engine_requests_per_step", (double)requests / steps, 2)
            .Set("instances", instances)
            .Set("steps", steps)
            .Set("activities_per_instance", SequenceWorkload.Activities)
            .Set("seconds", seconds, 2)
            .Set("start_phase_seconds", run.StartPhase.TotalSeconds, 2)
            .Set("workers", 1)
            .Set("max_concurrent_instances", concurrency)
            .Set("start_parallelism", startParallelism)
            .Set("write_loops", concurrency)
            .Set("write_seconds", writeSeconds, 1)
            .Set("target_ratio", 0.4);
    }

    /// <summary>
    /// <paramref name="loops"/> loops, each upserting one small entity after another into its own partition of a
    /// fresh table (100 row keys in turn, so the table stays small): a one-second warm-up, then the timed window.
    /// </summary>
    private static async Task<double> MeasureRawWritesAsync(int loops, TimeSpan window)
    {
        var table = AzuriteEngine.PlainClients().Tables.GetTableClient(AzuriteEngine.NewHub("rawwrites"));
        await table.CreateIfNotExistsAsync();
        var counting = false;
        long writes = 0;
        using var stop = new CancellationTokenSource();
        var tasks = Enumerable.Range(0, loops).Select(loop => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var entity = new TableEntity($"p{loop}", (i % 100).ToString("D3", System.Globalization.CultureInfo.InvariantCulture))
                {
                    ["Status"] = "Running",
                    ["Episodes"] = i,
                };
                await table.UpsertEntityAsync(entity, TableUpdateMode.Replace);
                if (Volatile.Read(ref counting))
                {
                    Interlocked.Increment(ref writes);
                }
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(1));
        Volatile.Write(ref counting, true);
        var clock = Stopwatch.StartNew();
        await Task.Delay(window);
        Volatile.Write(ref counting, false);
        var elapsed = clock.Elapsed;
        var counted = Interlocked.Read(ref writes);
        await stop.CancelAsync();
        await Task.WhenAll(tasks);
        await table.DeleteAsync();
        return counted / elapsed.TotalSeconds;
    }
}
