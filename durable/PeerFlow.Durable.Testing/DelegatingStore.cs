using PeerFlow.Durable.History;
using PeerFlow.Durable.Storage;

namespace PeerFlow.Durable.Testing;

/// <summary>Passes everything to the inner store; tests override the calls they want to break.</summary>
public abstract class DelegatingStore(IInstanceStore inner) : IInstanceStore
{
    public virtual Task<string?> TryCommitAsync(EpisodeCommit commit, CancellationToken cancellationToken) => inner.TryCommitAsync(commit, cancellationToken);

    public virtual Task<bool> CreateAsync(InstanceRecord state, CancellationToken cancellationToken) => inner.CreateAsync(state, cancellationToken);

    public virtual Task<InstanceSnapshot?> LoadAsync(string instanceId, string? knownETag, CancellationToken cancellationToken) => inner.LoadAsync(instanceId, knownETag, cancellationToken);

    public virtual Task AddInboxAsync(string instanceId, InboxMessage message, CancellationToken cancellationToken) => inner.AddInboxAsync(instanceId, message, cancellationToken);

    public virtual Task<InstanceRecord?> GetAsync(string instanceId, CancellationToken cancellationToken) => inner.GetAsync(instanceId, cancellationToken);

    public virtual Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken) => inner.GetHistoryAsync(instanceId, cancellationToken);

    public virtual Task DeleteOldGenerationsAsync(string instanceId, int currentGeneration, CancellationToken cancellationToken) => inner.DeleteOldGenerationsAsync(instanceId, currentGeneration, cancellationToken);

    public virtual Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken) => inner.PurgeAsync(instanceId, cancellationToken);

    public virtual Task UpsertIndexAsync(InstanceRecord state, CancellationToken cancellationToken) => inner.UpsertIndexAsync(state, cancellationToken);

    public virtual Task<InstancePage> QueryAsync(InstanceQuery query, CancellationToken cancellationToken) => inner.QueryAsync(query, cancellationToken);

    public virtual Task ScheduleTimerAsync(TimerEntry timer, CancellationToken cancellationToken) => inner.ScheduleTimerAsync(timer, cancellationToken);

    public virtual Task<IReadOnlyList<TimerEntry>> GetTimersDueByAsync(DateTime until, CancellationToken cancellationToken) => inner.GetTimersDueByAsync(until, cancellationToken);

    public virtual Task DeleteTimerAsync(TimerEntry timer, CancellationToken cancellationToken) => inner.DeleteTimerAsync(timer, cancellationToken);

    public virtual Task RecordFailureAsync(QuarantineEntry entry, CancellationToken cancellationToken) => inner.RecordFailureAsync(entry, cancellationToken);

    public virtual Task<QuarantineEntry?> GetFailureAsync(string instanceId, CancellationToken cancellationToken) => inner.GetFailureAsync(instanceId, cancellationToken);

    public virtual Task<IReadOnlyList<QuarantineEntry>> GetQuarantinedAsync(CancellationToken cancellationToken) => inner.GetQuarantinedAsync(cancellationToken);
}
