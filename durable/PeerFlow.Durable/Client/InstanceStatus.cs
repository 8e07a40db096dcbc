using PeerFlow.Durable.History;
using PeerFlow.Durable.Storage;

namespace PeerFlow.Durable;

public sealed record PendingTimer(int TimerId, DateTime FireAt);

/// <summary>An instance as a client sees it; history and pending timers only when asked for.</summary>
public sealed record InstanceStatus(InstanceRecord Record, IReadOnlyList<HistoryEvent>? History, IReadOnlyList<PendingTimer>? PendingTimers)
{
    public string InstanceId => Record.InstanceId;

    public OrchestrationRuntimeStatus Status => Record.Status;

    public T? ReadOutputAs<T>(DataConverter? converter = null) => (converter ?? DataConverter.Default).Deserialize<T>(Record.Output);

    public T? ReadCustomStatusAs<T>(DataConverter? converter = null) => (converter ?? DataConverter.Default).Deserialize<T>(Record.CustomStatus);

    /// <summary>Timers created and neither fired nor cancelled, derived from history.</summary>
    public static IReadOnlyList<PendingTimer> PendingTimersIn(IEnumerable<HistoryEvent> history)
    {
        var pending = new Dictionary<int, DateTime>();
        foreach (var e in history)
        {
            switch (e)
            {
                case TimerCreated t:
                    pending[t.TaskId] = t.FireAt;
                    break;
                case TimerFired f:
                    pending.Remove(f.TimerId);
                    break;
                case TimerCancelled c:
                    pending.Remove(c.TimerId);
                    break;
                case ExecutionCompleted or ExecutionTerminated or ContinuedAsNew:
                    pending.Clear();
                    break;
            }
        }

        return [.. pending.OrderBy(p => p.Value).Select(p => new PendingTimer(p.Key, p.Value))];
    }
}

public sealed record StartOptions
{
    /// <summary>The instance id; a new GUID when not given. Starting an id that exists returns it unchanged.</summary>
    public string? InstanceId { get; init; }

    public string? Version { get; init; }
}

public sealed class InstanceNotFoundException : Exception
{
    public InstanceNotFoundException(string instanceId) : base($"There is no orchestration instance '{instanceId}'.") => InstanceId = instanceId;

    public InstanceNotFoundException() : this("unknown") { }

    public InstanceNotFoundException(string message, Exception inner) : base(message, inner) => InstanceId = "unknown";

    public string InstanceId { get; } = "unknown";
}
