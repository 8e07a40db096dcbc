using PeerFlow.Durable.History;

namespace PeerFlow.Durable.Storage;

/// <summary>
/// The state row of an instance. It is committed in the same transaction as the history it summarises,
/// so status and history can never disagree.
/// </summary>
public sealed record InstanceRecord
{
    public required string InstanceId { get; init; }

    public required string Name { get; init; }

    public required string Version { get; init; }

    public OrchestrationRuntimeStatus Status { get; init; }

    /// <summary>0 at start; one more at each ContinueAsNew.</summary>
    public int Generation { get; init; }

    /// <summary>How many history rows (one per episode) the current generation has.</summary>
    public int Episodes { get; init; }

    public string? Input { get; init; }

    public string? Output { get; init; }

    public TaskFailureDetails? Failure { get; init; }

    public string? CustomStatus { get; init; }

    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public ParentLink? Parent { get; init; }

    /// <summary>Events carried into the next generation by ContinueAsNew, waiting for its first episode.</summary>
    public IReadOnlyList<EventRaised> Carried { get; init; } = [];

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }

    public DateTime? CompletedAt { get; init; }

    /// <summary>The earliest pending timer, so that workers know when the instance next needs them.</summary>
    public DateTime? NextTimerAt { get; init; }

    /// <summary>The storage concurrency token of the row this was read from.</summary>
    public string? ETag { get; init; }
}
