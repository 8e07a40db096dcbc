using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PeerFlow.Durable.Telemetry;

/// <summary>
/// Traces and metrics of the engine. Tags carry orchestration and activity names and instance ids only: ids are
/// not personal data, and payloads never appear here.
/// </summary>
public sealed class DurableTelemetry : IDisposable
{
    public const string SourceName = "PeerFlow.Durable";

    private readonly Meter meter;
    private long queueDepth;

    public DurableTelemetry(IMeterFactory? meterFactory = null)
    {
        meter = meterFactory?.Create(SourceName) ?? new Meter(SourceName);
        Started = meter.CreateCounter<long>("peerflow.orchestrations.started", description: "Instances started");
        Completed = meter.CreateCounter<long>("peerflow.orchestrations.completed", description: "Instances that reached Completed");
        Failed = meter.CreateCounter<long>("peerflow.orchestrations.failed", description: "Instances that reached Failed");
        ActivityFailures = meter.CreateCounter<long>("peerflow.activities.failed", description: "Activity attempts that threw");
        Conflicts = meter.CreateCounter<long>("peerflow.commits.conflicts", description: "Episode commits lost to another writer");
        StepLatency = meter.CreateHistogram<double>("peerflow.episode.duration", "ms", "Time to load, run and commit one episode");
        TimerLateness = meter.CreateHistogram<double>("peerflow.timer.lateness", "ms", "How long after its due time a timer fired");
        meter.CreateObservableGauge("peerflow.queue.depth", () => Interlocked.Read(ref queueDepth), description: "Approximate work queue length");
    }

    public static ActivitySource Source { get; } = new(SourceName);

    public Counter<long> Started { get; }

    public Counter<long> Completed { get; }

    public Counter<long> Failed { get; }

    public Counter<long> ActivityFailures { get; }

    public Counter<long> Conflicts { get; }

    public Histogram<double> StepLatency { get; }

    public Histogram<double> TimerLateness { get; }

    public void ReportQueueDepth(long depth) => Interlocked.Exchange(ref queueDepth, depth);

    public void Dispose() => meter.Dispose();
}
