using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PeerFlow.Durable.Telemetry;
using PeerFlow.Durable.Testing;

namespace PeerFlow.Durable.Tests.Telemetry;

public partial class TelemetryTests
{
    private const string PersonalData = "Jo Bloggs, HIV positive, 07700 900123";

    [Fact]
    public async Task Metrics_CountStartsCompletionsAndTimerLateness_AndNoTagCarriesAPayload()
    {
        var measurements = new ConcurrentBag<(string Name, double Value, string Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == DurableTelemetry.SourceName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
            measurements.Add((instrument.Name, value, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}"))));
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.Start();
        var spans = new ConcurrentBag<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = s => s.Name == DurableTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(activities);

        await using var host = new DurableTestHost(r => r
            .AddOrchestrator<string, string>("Referral", async (ctx, person) =>
            {
                await ctx.CreateTimer(TimeSpan.FromDays(2), CancellationToken.None);
                return await ctx.CallActivityAsync<string>("Acknowledge", person);
            })
            .AddActivity<string, string>("Acknowledge", (_, person) => Task.FromResult($"sent to {person}")));
        var id = await host.StartAsync("Referral", PersonalData);
        await host.AdvanceAsync(TimeSpan.FromDays(3));

        var mine = measurements.Where(m => m.Tags.Contains("orchestration=Referral", StringComparison.Ordinal)).ToList();
        Assert.Equal(1, mine.Where(m => m.Name == "peerflow.orchestrations.started").Sum(m => m.Value));
        Assert.Equal(1, mine.Where(m => m.Name == "peerflow.orchestrations.completed").Sum(m => m.Value));
        var lateness = Assert.Single(mine, m => m.Name == "peerflow.timer.lateness");
        Assert.InRange(lateness.Value, 0, 1000);
        Assert.DoesNotContain(measurements, m => m.Tags.Contains("Bloggs", StringComparison.Ordinal));
        var activitySpan = Assert.Single(spans, s => s.DisplayName == "activity Acknowledge" && Equals(s.GetTagItem("peerflow.instance_id"), id));
        Assert.DoesNotContain(activitySpan.TagObjects, t => t.Value?.ToString()?.Contains("Bloggs", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task ReplaySafeLogger_WritesEachLineOnce_ThoughTheOrchestratorIsReplayed()
    {
        var lines = new ConcurrentQueue<string>();
        await using var host = new DurableTestHost(
            r => r.AddOrchestrator<object?, int>("Logs", async (ctx, _) =>
            {
                var log = ctx.CreateReplaySafeLogger("Logs");
                Waiting(log);
                await ctx.WaitForExternalEvent<int>("go");
                Done(log);
                return 0;
            }),
            services => services.AddLogging(b => b.AddProvider(new ListLoggerProvider(lines))));
        var id = await host.StartAsync("Logs");

        host.Services.GetRequiredService<Worker.OrchestrationProcessor>().Forget(id);
        await host.RaiseEventAsync(id, "go", 1);

        Assert.Equal(["waiting", "done"], lines.Where(l => l is "waiting" or "done"));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "waiting")]
    private static partial void Waiting(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "done")]
    private static partial void Done(ILogger logger);

    private sealed class ListLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(lines);

        public void Dispose()
        {
        }

        private sealed class ListLogger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception));
        }
    }
}
