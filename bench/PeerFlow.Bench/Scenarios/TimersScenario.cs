using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PeerFlow.Durable;
using PeerFlow.Durable.Telemetry;

namespace PeerFlow.Bench.Scenarios;

/// <summary>
/// Lateness of durable timers when many are pending. Instances that each wait on one timer are started, and their
/// timers fall due at random over a window that opens only after every instance has started and created its timer
/// (the start phase), so that firing them does not compete with starting them. Lateness, TimerFired.Timestamp minus
/// FireAt, is what the engine records in its <c>peerflow.timer.lateness</c> histogram, read here with a MeterListener.
/// </summary>
/// <remarks>
/// Due times are instance inputs, fixed before the first start, while the start phase's length is only known at its
/// end. So a short calibration on a separate task hub measures this machine's start rate first, and the window is
/// placed after the start phase that rate predicts, with room for it to be 2.5 times as long (on Azurite the rate falls as data accumulates). If the real start phase is heading past the
/// window's opening anyway, the run fails early and says so, rather than measuring something else.
/// </remarks>
internal static class TimersScenario
{
    private const string Orchestrator = "WaitForTimer";

    public static async Task<Report> RunAsync(BenchArgs args)
    {
        var timers = args.Int("timers", 10_000);
        var startParallelism = args.Int("start-parallelism", 16);
        var concurrency = args.Int("concurrency", new DurableOptions().MaxConcurrentInstances);
        var windowFrom = TimeSpan.FromSeconds(args.Double("window-from", 20));
        var windowTo = TimeSpan.FromSeconds(args.Double("window-to", 80));
        var limit = TimeSpan.FromSeconds(args.Double("limit", 600));
        var clock = Stopwatch.StartNew();

        var calibrationRate = double.NaN;
        var leadOption = args.Double("lead", double.NaN);
        TimeSpan lead;
        if (double.IsNaN(leadOption))
        {
            calibrationRate = await CalibrateAsync(args.Int("calibration", 200), startParallelism, concurrency);
            lead = TimeSpan.FromSeconds(Math.Ceiling((2.5 * timers / calibrationRate) + 10));
            Console.Error.WriteLine($"bench:   calibration: {calibrationRate:0.0} instances/s; expecting the start phase to be over within {lead.TotalSeconds:0} s");
        }
        else
        {
            lead = TimeSpan.FromSeconds(leadOption);
        }

        await using var engine = await StartEngineAsync("timers", concurrency);
        var options = engine.Services.GetRequiredService<IOptions<DurableOptions>>().Value;
        using var metrics = new EngineMetrics(engine.Services.GetRequiredService<IMeterFactory>());

        // Due uniformly at random in [origin + windowFrom, origin + windowTo]; origin is the expected end of the start phase.
        var random = new Random(20260105);
        var startedAt = DateTime.UtcNow;
        var origin = startedAt + lead;
        var dueTimes = Enumerable.Range(0, timers)
            .Select(_ => origin + windowFrom + TimeSpan.FromMilliseconds(random.NextDouble() * (windowTo - windowFrom).TotalMilliseconds))
            .ToArray();
        Console.Error.WriteLine($"bench:   starting {timers} instances, {startParallelism} at a time; timers due {(origin + windowFrom - startedAt).TotalSeconds:0}-{(origin + windowTo - startedAt).TotalSeconds:0} s from now");
        using var stopStarting = new CancellationTokenSource();
        var starting = Parallel.ForEachAsync(
            dueTimes,
            new ParallelOptions { MaxDegreeOfParallelism = startParallelism, CancellationToken = stopStarting.Token },
            async (due, ct) => await engine.Client.StartAsync(Orchestrator, due, cancellationToken: ct));

        Report Partial(DateTime? giveUpAt = null) => Summarise(metrics.Lateness(), dueTimes, giveUpAt)
            .Set("started", metrics.Started)
            .Set("start_phase_s", metrics.StartPhaseEnd is { } end ? (end - startedAt).TotalSeconds : double.NaN, 1)
            .Set("first_due_after_start_phase_s", metrics.StartPhaseEnd is { } e ? (origin + windowFrom - e).TotalSeconds : double.NaN, 1)
            .Set("window_from_s", windowFrom.TotalSeconds, 0)
            .Set("window_to_s", windowTo.TotalSeconds, 0)
            .Set("lead_s", lead.TotalSeconds, 0)
            .Set("calibration_starts_per_s", calibrationRate, 1)
            .Set("max_concurrent_instances", concurrency)
            .Set("timer_hold_window_ms", options.TimerHoldWindow.TotalMilliseconds, 0)
            .Set("max_polling_interval_ms", options.MaxPollingInterval.TotalMilliseconds, 0)
            .Set("start_parallelism", startParallelism)
            .Set("workers", 1)
            .Set("seconds", clock.Elapsed.TotalSeconds, 1)
            .Set("target_p99_ms", 1000);

        BenchFailedException Fail(string message)
        {
            stopStarting.Cancel();
            return new BenchFailedException(message, Partial(DateTime.UtcNow));
        }

        var lastProgress = TimeSpan.Zero;
        var (sampledAt, sampledStarted) = (startedAt, 0L); // for the current start rate, over the last ten seconds or so
        while (metrics.Fired < timers)
        {
            await Task.Delay(250);
            var now = DateTime.UtcNow;
            if (starting.IsFaulted)
            {
                await starting;
            }

            if (metrics.StartPhaseEnd is null)
            {
                if (metrics.Started == timers)
                {
                    metrics.StartPhaseEnd = now;
                    Console.Error.WriteLine($"bench:   start phase over after {(now - startedAt).TotalSeconds:0.0} s; first timer due {(origin + windowFrom - now).TotalSeconds:0.0} s later");
                }
                else if (now - startedAt > TimeSpan.FromSeconds(15) && metrics.Started > 0)
                {
                    // At the average rate so far (optimistic: on Azurite the rate only falls as data grows).
                    var projectedEnd = now + ((now - startedAt) * ((double)(timers - metrics.Started) / metrics.Started));
                    if (projectedEnd > origin + windowFrom)
                    {
                        var recentRate = (metrics.Started - sampledStarted) / Math.Max(1, (now - sampledAt).TotalSeconds);
                        throw Fail(
                            $"The start phase would run into the timer window: {metrics.Started} of {timers} instances started in {(now - startedAt).TotalSeconds:0} s " +
                            $"({(double)metrics.Started / (now - startedAt).TotalSeconds:0.0}/s on average, {recentRate:0.0}/s lately; calibration: {calibrationRate:0.0}/s), " +
                            $"so even at the average rate it would end {(projectedEnd - startedAt).TotalSeconds:0.0} s in, later than the first timer is due ({(origin + windowFrom - startedAt).TotalSeconds:0.0} s). " +
                            "Try fewer --timers, or a larger --lead.");
                    }
                }
            }

            if (metrics.Failed > 0)
            {
                throw Fail($"{metrics.Failed} instances failed.");
            }

            if (clock.Elapsed > limit)
            {
                throw Fail($"Gave up after {limit.TotalSeconds:0} s with {metrics.Fired} of {timers} timers fired ({dueTimes.Count(d => d <= now)} were due); lateness figures count the rest as late by at least how long they had been due.");
            }

            if (clock.Elapsed - lastProgress >= TimeSpan.FromSeconds(10))
            {
                lastProgress = clock.Elapsed;
                (sampledAt, sampledStarted) = (now, metrics.Started);
                var late = metrics.Lateness();
                Console.Error.WriteLine(
                    $"bench:   {(now - startedAt).TotalSeconds,4:0} s: {metrics.Started}/{timers} started, {late.Count} fired of {dueTimes.Count(d => d <= now)} due; " +
                    $"lateness p50 {Stats.Percentile(late, 50):0} ms, p99 {Stats.Percentile(late, 99):0} ms, max {(late.Count > 0 ? late.Max() : double.NaN):0} ms");
            }
        }

        await starting;
        return Partial();
    }

    /// <summary>
    /// Percentiles over the fired timers. When the run gave up, every timer that was due but had not fired counts too,
    /// as late by at least the time it had been due, which makes the figures lower bounds. The lateness histogram
    /// carries no instance id, so the unfired ones are taken to be the most recently due ones: the smallest bounds.
    /// </summary>
    private static Report Summarise(List<double> lateness, DateTime[] dueTimes, DateTime? giveUpAt)
    {
        var values = new List<double>(lateness);
        var censored = 0;
        if (giveUpAt is { } now)
        {
            var overdue = dueTimes.Where(d => d <= now).OrderDescending().ToList();
            censored = Math.Max(0, overdue.Count - lateness.Count);
            values.AddRange(overdue.Take(censored).Select(d => (now - d).TotalMilliseconds));
        }

        var report = new Report("timers")
            .Set("p50_ms", Stats.Percentile(values, 50), 1)
            .Set("p99_ms", Stats.Percentile(values, 99), 1)
            .Set("max_ms", values.Count > 0 ? values.Max() : double.NaN, 1)
            .Set("early", lateness.Count(l => l < 0))
            .Set("timers", dueTimes.Length)
            .Set("fired", lateness.Count);
        return giveUpAt is null ? report : report.Set("due_not_fired", censored).Set("figures_are_lower_bounds", censored > 0);
    }

    private static Task<AzuriteEngine> StartEngineAsync(string hubPrefix, int concurrency) =>
        AzuriteEngine.StartAsync(
            AzuriteEngine.NewHub(hubPrefix), AzuriteEngine.PlainClients(),
            r => r.AddOrchestrator<DateTime, int>(Orchestrator, async (context, fireAt) =>
            {
                await context.CreateTimer(fireAt, CancellationToken.None);
                return 0;
            }),
            o => o.MaxConcurrentInstances = concurrency);

    /// <summary>Instances started (first episode committed, timer created) per second, on a task hub of their own.</summary>
    private static async Task<double> CalibrateAsync(int instances, int startParallelism, int concurrency)
    {
        await using var engine = await StartEngineAsync("timercal", concurrency);
        using var metrics = new EngineMetrics(engine.Services.GetRequiredService<IMeterFactory>());
        var clock = Stopwatch.StartNew();
        var farAway = DateTime.UtcNow.AddHours(1); // never fires during the run
        await Parallel.ForEachAsync(
            Enumerable.Range(0, instances),
            new ParallelOptions { MaxDegreeOfParallelism = startParallelism },
            async (_, ct) => await engine.Client.StartAsync(Orchestrator, farAway, cancellationToken: ct));
        while (metrics.Started < instances)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new BenchFailedException($"Calibration: only {metrics.Started} of {instances} instances started within two minutes.");
            }

            await Task.Delay(50);
        }

        return instances / clock.Elapsed.TotalSeconds;
    }

    /// <summary>The engine's own instruments, from one engine's meter factory only.</summary>
    private sealed class EngineMetrics : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly List<double> lateness = [];
        private long started;
        private long failed;

        public EngineMetrics(IMeterFactory factory)
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == DurableTelemetry.SourceName && ReferenceEquals(instrument.Meter.Scope, factory)
                    && instrument.Name is "peerflow.timer.lateness" or "peerflow.orchestrations.started" or "peerflow.orchestrations.failed")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
            {
                lock (lateness)
                {
                    lateness.Add(value);
                }
            });
            listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            {
                if (instrument.Name == "peerflow.orchestrations.started")
                {
                    Interlocked.Add(ref started, value);
                }
                else
                {
                    Interlocked.Add(ref failed, value);
                }
            });
            listener.Start();
        }

        public long Started => Interlocked.Read(ref started);

        public long Failed => Interlocked.Read(ref failed);

        public int Fired
        {
            get
            {
                lock (lateness)
                {
                    return lateness.Count;
                }
            }
        }

        /// <summary>When every instance had started and created its timer, as first seen.</summary>
        public DateTime? StartPhaseEnd { get; set; }

        public List<double> Lateness()
        {
            lock (lateness)
            {
                return [.. lateness];
            }
        }

        public void Dispose() => listener.Dispose();
    }
}
