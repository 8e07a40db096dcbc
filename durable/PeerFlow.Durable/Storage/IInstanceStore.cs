using PeerFlow.Durable.History;

namespace PeerFlow.Durable.Storage;

/// <summary>What is read with an instance's state: its history when it changed, and its unconsumed inbox.</summary>
/// <param name="History">The current generation's events; null when <c>knownETag</c> still matched.</param>
public sealed record InstanceSnapshot(InstanceRecord State, IReadOnlyList<HistoryEvent>? History, IReadOnlyList<InboxMessage> Inbox);

/// <summary>One episode, committed atomically or not at all.</summary>
/// <param name="State">The new state; its <see cref="InstanceRecord.ETag"/> is the one the commit expects to replace.</param>
/// <param name="Generation">The generation the episode's events belong to (before a ContinueAsNew takes effect).</param>
/// <param name="Episode">The episode's index in that generation: its history row's position.</param>
public sealed record EpisodeCommit(InstanceRecord State, int Generation, int Episode, IReadOnlyList<HistoryEvent> Events, IReadOnlyList<string> ConsumedInbox);

public sealed record TimerEntry(string InstanceId, int Generation, int TimerId, DateTime FireAt);

public sealed record QuarantineEntry(string InstanceId, string MessageId, int DequeueCount, string LastError, DateTime At, bool Quarantined);

/// <summary>
/// Durable state of instances: one partition per instance holding its state row, history rows (one per episode)
/// and inbox rows; an index for queries; long timers; quarantine records.
/// </summary>
public interface IInstanceStore
{
    /// <summary>Creates the instance; false when it already exists (starting is idempotent).</summary>
    Task<bool> CreateAsync(InstanceRecord state, CancellationToken cancellationToken);

    /// <summary>Reads state, inbox and, unless <paramref name="knownETag"/> still matches, history. Null when there is no such instance.</summary>
    Task<InstanceSnapshot?> LoadAsync(string instanceId, string? knownETag, CancellationToken cancellationToken);

    /// <summary>Commits one episode; returns the new ETag, or null when another writer changed the instance first.</summary>
    Task<string?> TryCommitAsync(EpisodeCommit commit, CancellationToken cancellationToken);

    /// <summary>Stores a message for the instance; a second call with the same id changes nothing.</summary>
    Task AddInboxAsync(string instanceId, InboxMessage message, CancellationToken cancellationToken);

    Task<InstanceRecord?> GetAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>The current generation's history, oldest first.</summary>
    Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Deletes history rows of generations older than <paramref name="currentGeneration"/>.</summary>
    Task DeleteOldGenerationsAsync(string instanceId, int currentGeneration, CancellationToken cancellationToken);

    /// <summary>Deletes everything stored for the instance: rows, index entry, payload blobs, quarantine record.</summary>
    Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken);

    Task UpsertIndexAsync(InstanceRecord state, CancellationToken cancellationToken);

    Task<InstancePage> QueryAsync(InstanceQuery query, CancellationToken cancellationToken);

    /// <summary>Keeps a timer too far ahead for a delayed queue message.</summary>
    Task ScheduleTimerAsync(TimerEntry timer, CancellationToken cancellationToken);

    Task<IReadOnlyList<TimerEntry>> GetTimersDueByAsync(DateTime until, CancellationToken cancellationToken);

    Task DeleteTimerAsync(TimerEntry timer, CancellationToken cancellationToken);

    Task RecordFailureAsync(QuarantineEntry entry, CancellationToken cancellationToken);

    /// <summary>The last recorded processing failure of the instance, quarantined or not.</summary>
    Task<QuarantineEntry?> GetFailureAsync(string instanceId, CancellationToken cancellationToken);

    Task<IReadOnlyList<QuarantineEntry>> GetQuarantinedAsync(CancellationToken cancellationToken);
}
