using System.Diagnostics;

namespace PeerFlow.Bench.Scenarios;

/// <summary>
/// Lateness of durable timers in real time when many fall due together: N instances each wait on one timer, all due
/// <c>--lead</c> seconds after the first start, spread evenly over <c>--spread</c> seconds. Every instance must have
/// created its timer (left Pending) before the first is due, or the run fails rather than measure starts competing
/// with firings.
/// </summary>
internal static class TimersScenario
{
    private const string IdPrefix = "timer-";

    public static async Task<Report> RunAsync(BenchArgs args)
    {
        var timers = args.Int("timers", 1000);
        // 60 s, not 20: on this shared two-core machine, starting 1,000 instances and committing their first episodes
        // alone took 18-39 s, and every timer must be pending before the first falls due.
        var lead = TimeSpan.FromSeconds(args.Double("lead", 60));
        var spread = TimeSpan.FromSeconds(args.Double("spread", 3));
        var startParallelism = args.Int("start-parallelism", 16);
        var limit = TimeSpan.FromSeconds(args.Double("limit", 240));
        var loadStart = LoadAverage.Read();
        var connectionString = BenchEngine.ConnectionString;
        var hub = BenchEngine.NewHub("timers");
        var workload = new TimerWorkload();
        var clock = Stopwatch.StartNew();

        Report report;
        try
        {
            await using (var engine = await BenchEngine.StartAsync(connectionString, hub, workload.Register))
            {
                // A first timer through the whole path: JIT, gRPC stream and partition leases in place before the real run.
                var warmup = await engine.Client.ScheduleNewOrchestrationInstanceAsync(TimerWorkload.Orchestrator, DateTime.UtcNow.AddSeconds(1));
                using (var warm = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
                {
                    await engine.Client.WaitForInstanceCompletionAsync(warmup, warm.Token);
                }

                workload.Fired.Clear();
                var startedAt = DateTime.UtcNow;
                var dueTimes = Enumerable.Range(0, timers)
                    .Select(i => startedAt + lead + (spread * i / Math.Max(1, timers - 1)))
                    .ToArray();
                var firstDue = dueTimes.Min();
                Console.Error.WriteLine($"bench:   starting {timers} instances, timers due {lead.TotalSeconds:0}-{(lead + spread).TotalSeconds:0} s from now");
                using var timeout = new CancellationTokenSource(limit);
                var started = 0;
                var starting = Parallel.ForEachAsync(
                    Enumerable.Range(0, timers),
                    new ParallelOptions { MaxDegreeOfParallelism = startParallelism, CancellationToken = timeout.Token },
                    async (i, ct) =>
                    {
                        await engine.Client.ScheduleNewOrchestrationInstanceAsync(
                            TimerWorkload.Orchestrator, dueTimes[i], new Microsoft.DurableTask.StartOrchestrationOptions($"{IdPrefix}{i:D5}"), ct);
                        Interlocked.Increment(ref started);
                    });

                var setupDone = await WaitForSetupAsync(engine, starting, () => Volatile.Read(ref started), timers, firstDue, timeout.Token);
                await WaitForFiringsAsync(workload, timers, startedAt, limit, timeout.Token);
                report = Summarise(workload, timers)
                    .Set("setup_s", (setupDone - startedAt).TotalSeconds, 1)
                    .Set("first_due_after_setup_s", (firstDue - setupDone).TotalSeconds, 1);
            }
        }
        finally
        {
            await BenchEngine.DeleteHubAsync(connectionString, hub);
        }

        return report
            .Set("load_start", loadStart)
            .Set("load_end", LoadAverage.Read())
            .Set("cores", Environment.ProcessorCount)
            .Set("lead_s", lead.TotalSeconds, 1)
            .Set("spread_s", spread.TotalSeconds, 1)
            .Set("start_parallelism", startParallelism)
            .Set("seconds", clock.Elapsed.TotalSeconds, 1);
    }

    /// <summary>Until every instance has started and has left Pending, i.e. committed its first episode with the timer in it.</summary>
    private static async Task<DateTime> WaitForSetupAsync(BenchEngine engine, Task starting, Func<int> started, int timers, DateTime firstDue, CancellationToken cancellationToken)
    {
        // Bounded by the first due time (checked below) and by the scenario's limit (the token).
        var lastProgress = DateTime.UtcNow;
        while (true)
        {
            await Task.Delay(500, cancellationToken);
            var now = DateTime.UtcNow;
            if (starting.IsFaulted)
            {
                await starting; // surfaces a failed start
            }

            // Counting Pending instances only means something once every instance exists.
            var pending = starting.IsCompleted ? await InstanceCounts.PendingAsync(engine.Client, IdPrefix, cancellationToken) : -1;
            if (pending == 0)
            {
                Console.Error.WriteLine($"bench:   all {timers} timers created; the first is due in {(firstDue - now).TotalSeconds:0.0} s");
                return now;
            }

            var state = pending < 0 ? $"{started()} of {timers} started" : $"all started, {pending} not yet through their first episode";
            if (now >= firstDue)
            {
                throw new BenchFailedException(
                    $"The first timer fell due before every instance had created its timer ({state}), so firings would compete with starts. Try a larger --lead or fewer --timers.");
            }

            if (now - lastProgress >= TimeSpan.FromSeconds(5))
            {
                lastProgress = now;
                Console.Error.WriteLine($"bench:   setting up: {state}; first timer due in {(firstDue - now).TotalSeconds:0.0} s");
            }
        }
    }

    private static async Task WaitForFiringsAsync(TimerWorkload workload, int timers, DateTime startedAt, TimeSpan limit, CancellationToken cancellationToken)
    {
        var lastProgress = DateTime.UtcNow;
        try
        {
            while (workload.Fired.Count < timers)
            {
                await Task.Delay(250, cancellationToken);
                if (DateTime.UtcNow - lastProgress >= TimeSpan.FromSeconds(5))
                {
                    lastProgress = DateTime.UtcNow;
                    Console.Error.WriteLine($"bench:   {(lastProgress - startedAt).TotalSeconds,4:0} s: {workload.Fired.Count}/{timers} timers fired");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new BenchFailedException(
                $"Only {workload.Fired.Count} of {timers} timers fired within {limit.TotalSeconds:0} s.", Summarise(workload, timers));
        }
    }

    private static Report Summarise(TimerWorkload workload, int timers)
    {
        var fired = workload.Fired.Values.ToList();
        var lateness = fired.Select(f => f.LatenessMs).ToList();
        var activityLateness = fired.Select(f => f.ActivityLatenessMs).ToList();
        var early = lateness.Where(l => l < 0).ToList();
        return new Report("timers")
            .Set("p50_ms", Stats.Percentile(lateness, 50), 1)
            .Set("p99_ms", Stats.Percentile(lateness, 99), 1)
            .Set("max_ms", lateness.Count > 0 ? lateness.Max() : double.NaN, 1)
            .Set("early", early.Count)
            .Set("earliest_ms", early.Count > 0 ? early.Min() : double.NaN, 1)
            .Set("activity_p50_ms", Stats.Percentile(activityLateness, 50), 1)
            .Set("activity_p99_ms", Stats.Percentile(activityLateness, 99), 1)
            .Set("activity_early", activityLateness.Count(l => l < 0))
            .Set("timers", timers)
            .Set("fired", fired.Count);
    }
}
