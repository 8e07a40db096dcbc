using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using PeerFlow.Durable;
using PeerFlow.Durable.Telemetry;

namespace PeerFlow.Bench.Scenarios;

/// <summary>
/// Lateness of durable timers when many are pending: instances that each wait on one timer are started, and their
/// timers fall due spread over a window that opens only after every instance has been started and has created its
/// timer, so that firing them does not compete with starting them. Lateness (TimerFired.Timestamp - FireAt) is what
/// the engine records in the <c>peerflow.timer.lateness</c> histogram, read here with a MeterListener.
/// </summary>
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
        var lead = TimeSpan.FromSeconds(args.Double("lead", 60));
        var limit = TimeSpan.FromSeconds(args.Double("limit", 600));
        var clock = Stopwatch.StartNew();

        await using var engine = await AzuriteEngine.StartAsync(
            AzuriteEngine.NewHub("timers"), AzuriteEngine.PlainClients(),
            r => r.AddOrchestrator<DateTime, int>(Orchestrator, async (context, fireAt) =>
            {
                await context.CreateTimer(fireAt, CancellationToken.None);
                return 0;
            }),
            o => o.MaxConcurrentInstances = concurrency);
        var options = engine.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DurableOptions>>().Value;
        using var metrics = new EngineMetrics(engine.Services.GetRequiredService<IMeterFactory>());

        // Due times: uniformly random in [origin + windowFrom, origin + windowTo], where origin is where the start
        // phase is expected to have ended (see "lead"); checked below, since it cannot be known in advance.
        var random = new Random(20260105);
        var startedAt = DateTime.UtcNow;
        var origin = startedAt + lead;
        var dueTimes = Enumerable.Range(0, timers)
            .Select(_ => origin + windowFrom + TimeSpan.FromMilliseconds(random.NextDouble() * (windowTo - windowFrom).TotalMilliseconds))
            .ToArray();

        Console.Error.WriteLine($"bench:   starting {timers} instances, {startParallelism} at a time; timers due {(origin + windowFrom - startedAt).TotalSeconds:0}-{(origin + windowTo - startedAt).TotalSeconds:0} s from now");
        var starting = Parallel.ForEachAsync(
            dueTimes,
            new ParallelOptions { MaxDegreeOfParallelism = startParallelism },
            async (due, ct) => await engine.Client.StartAsync(Orchestrator, due, cancellationToken: ct));

        Report Partial() => Summarise(new Report("timers"), metrics.Lateness(), timers)
            .Set("start_phase_seconds", metrics.StartPhaseEnd is { } end ? (end - startedAt).TotalSeconds : double.NaN, 1)
            .Set("window_from_s", windowFrom.TotalSeconds, 0)
            .Set("window_to_s", windowTo.TotalSeconds, 0)
            .Set("lead_s", lead.TotalSeconds, 0)
            .Set("max_concurrent_instances", concurrency)
            .Set("timer_hold_window_ms", options.TimerHoldWindow.TotalMilliseconds, 0)
            .Set("max_polling_interval_ms", options.MaxPollingInterval.TotalMilliseconds, 0)
            .Set("start_parallelism", startParallelism)
            .Set("workers", 1)
            .Set("target_p99_ms", 1000);

        var lastProgress = TimeSpan.Zero;
        while (metrics.Fired < timers)
        {
            await Task.Delay(250);
            if (starting.IsFaulted)
            {
                await starting;
            }

            if (metrics.Started == timers && metrics.StartPhaseEnd is null)
            {
                metrics.StartPhaseEnd = DateTime.UtcNow;
                var margin = origin + windowFrom - metrics.StartPhaseEnd.Value;
                Console.Error.WriteLine($"bench:   start phase done after {(metrics.StartPhaseEnd.Value - startedAt).TotalSeconds:0.0} s; first timer due {margin.TotalSeconds:0.0} s later");
                if (metrics.StartPhaseEnd.Value > origin)
                {
                    throw new BenchFailedException(
                        $"The start phase took {(metrics.StartPhaseEnd.Value - startedAt).TotalSeconds:0.0} s, longer than the lead of {lead.TotalSeconds:0} s it was given: run again with a larger --lead.",
                        Partial());
                }
            }

            if (metrics.Failed > 0)
            {
                throw new BenchFailedException($"{metrics.Failed} instances failed.", Partial());
            }

            if (clock.Elapsed > limit)
            {
                throw new BenchFailedException(
                    $"Gave up after {limit.TotalSeconds:0} s: {metrics.Started} of {timers} instances started, {metrics.Fired} timers fired.", Partial());
            }

            if (clock.Elapsed - lastProgress >= TimeSpan.FromSeconds(10))
            {
                lastProgress = clock.Elapsed;
                var late = metrics.Lateness();
                Console.Error.WriteLine(
                    $"bench:   {clock.Elapsed.TotalSeconds,4:0} s: {metrics.Started}/{timers} started, {metrics.Fired} fired, lateness p50 {Stats.Percentile(late, 50):0} ms, p99 {Stats.Percentile(late, 99):0} ms, max {(late.Count > 0 ? late.Max() : double.NaN):0} ms");
            }
        }

        await starting;
        return Partial().Set("seconds", clock.Elapsed.TotalSeconds, 1);
    }

    private static Report Summarise(Report report, List<double> lateness, int timers) => report
        .Set("p50_ms", Stats.Percentile(lateness, 50), 1)
        .Set("p99_ms", Stats.Percentile(lateness, 99), 1)
        .Set("max_ms", lateness.Count > 0 ? lateness.Max() : double.NaN, 1)
        .Set("early", lateness.Count(l => l < 0))
        .Set("timers", timers)
        .Set("fired", lateness.Count);

    /// <summary>The engine's own instruments, from this engine's meter factory only.</summary>
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
            listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
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
