namespace PeerFlow.Durable.Worker;

/// <summary>Where an instance stands after a worker processed it.</summary>
/// <param name="Exists">False when there is no such instance (purged, or a stray message).</param>
/// <param name="NextTimerAt">When the instance next needs a worker, if a timer is pending.</param>
public sealed record ProcessResult(bool Exists, OrchestrationRuntimeStatus Status, DateTime? NextTimerAt)
{
    public static ProcessResult Missing { get; } = new(false, OrchestrationRuntimeStatus.Pending, null);
}
