namespace PeerFlow.Durable.Storage;

public enum InboxKind
{
    Event,
    Terminate,
    Suspend,
    Resume,
    TaskCompleted,
    TaskFailed,
    SubOrchestrationCompleted,
    SubOrchestrationFailed,
}

/// <summary>
/// Something sent to an instance, stored in its partition until an episode consumes it. <see cref="Id"/> makes
/// sending idempotent; <see cref="Sequence"/> orders the inbox.
/// </summary>
public sealed record InboxMessage
{
    public required string Id { get; init; }

    public required long Sequence { get; init; }

    public required InboxKind Kind { get; init; }

    /// <summary>The event name, or a reason for terminate, suspend and resume.</summary>
    public string? Name { get; init; }

    public string? Payload { get; init; }

    /// <summary>For task results: the task id and the generation that scheduled it.</summary>
    public int TaskId { get; init; }

    public int Generation { get; init; }

    public TaskFailureDetails? Failure { get; init; }
}
