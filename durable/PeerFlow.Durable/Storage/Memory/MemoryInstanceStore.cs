using System.Globalization;
using PeerFlow.Durable.History;
using PeerFlow.Durable.Storage.Azure;

namespace PeerFlow.Durable.Storage.Memory;

/// <summary>
/// <see cref="IInstanceStore"/> in memory, for fast tests of workflow logic under virtual time. It behaves like
/// <see cref="AzureInstanceStore"/> as far as callers can tell: new ETags on every commit, conflicts returned as
/// null, history kept per generation and episode, events and JSON fields stored serialised (so serialisation bugs
/// show up here too), the same limits and key rules.
/// </summary>
public sealed partial class MemoryInstanceStore : IInstanceStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Partition> partitions = new(StringComparer.Ordinal);
    private long lastETag;

    public Task<bool> CreateAsync(InstanceRecord state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        RowKeys.CheckKey(state.InstanceId, nameof(state));
        lock (gate)
        {
            var partition = GetOrAddPartition(state.InstanceId);
            if (partition.State is not null)
            {
                return Task.FromResult(false);
            }

            partition.State = Store(state);
            return Task.FromResult(true);
        }
    }

    public Task<InstanceSnapshot?> LoadAsync(string instanceId, string? knownETag, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!partitions.TryGetValue(instanceId, out var partition) || partition.State is not { } state)
            {
                return Task.FromResult<InstanceSnapshot?>(null);
            }

            var history = string.Equals(state.ETag, knownETag, StringComparison.Ordinal) ? null : ReadHistory(partition, state.Generation);
            var inbox = partition.Inbox.Values.OrderBy(m => m.Sequence).ThenBy(m => m.Id, StringComparer.Ordinal).ToList();
            return Task.FromResult<InstanceSnapshot?>(new InstanceSnapshot(state, history, inbox));
        }
    }

    public Task<string?> TryCommitAsync(EpisodeCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var instanceId = commit.State.InstanceId;
        var consumed = commit.ConsumedInbox.Distinct(StringComparer.Ordinal).ToList();
        var operations = 1 + (commit.Events.Count > 0 ? 1 : 0) + consumed.Count;
        if (operations > AzureInstanceStore.MaxTransactionOperations)
        {
            throw new InvalidOperationException(
                $"The commit of episode {commit.Episode} of '{instanceId}' needs {operations} table operations (state, history, {consumed.Count} inbox deletes); one transaction allows {AzureInstanceStore.MaxTransactionOperations}. Consume fewer inbox messages per episode.");
        }

        var events = commit.Events.Count > 0 ? HistorySerializer.Serialize(commit.Events) : null;
        lock (gate)
        {
            // Checked in the order the table service applies the transaction's operations.
            partitions.TryGetValue(instanceId, out var partition);
            if (commit.State.ETag is { } expected)
            {
                if (partition?.State is not { } current)
                {
                    throw new InvalidOperationException($"Instance '{instanceId}' does not exist.");
                }

                if (!string.Equals(current.ETag, expected, StringComparison.Ordinal))
                {
                    return Task.FromResult<string?>(null);
                }
            }
            else if (partition?.State is not null)
            {
                return Task.FromResult<string?>(null);
            }

            partition ??= GetOrAddPartition(instanceId);
            var key = (commit.Generation, commit.Episode);
            if (events is not null && partition.History.ContainsKey(key))
            {
                return Task.FromResult<string?>(null);
            }

            if (consumed.Find(id => !partition.Inbox.ContainsKey(id)) is { } missing)
            {
                throw new InvalidOperationException($"Inbox message '{missing}' of '{instanceId}' does not exist.");
            }

            partition.State = Store(commit.State);
            if (events is not null)
            {
                partition.History.Add(key, events);
            }

            foreach (var id in consumed)
            {
                partition.Inbox.Remove(id);
            }

            return Task.FromResult(partition.State.ETag);
        }
    }

    public Task AddInboxAsync(string instanceId, InboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        RowKeys.CheckKey(instanceId, nameof(instanceId));
        RowKeys.CheckKey(message.Id, nameof(message));
        var stored = message with
        {
            Failure = message.Failure is null ? null : HistorySerializer.DeserializeFailure(HistorySerializer.SerializeFailure(message.Failure)),
        };
        lock (gate)
        {
            GetOrAddPartition(instanceId).Inbox.TryAdd(message.Id, stored);
        }

        return Task.CompletedTask;
    }

    public Task<InstanceRecord?> GetAsync(string instanceId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(partitions.GetValueOrDefault(instanceId)?.State);
        }
    }

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<HistoryEvent>>(
                partitions.TryGetValue(instanceId, out var partition) && partition.State is { } state ? ReadHistory(partition, state.Generation) : []);
        }
    }

    public Task DeleteOldGenerationsAsync(string instanceId, int currentGeneration, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (partitions.TryGetValue(instanceId, out var partition))
            {
                foreach (var key in partition.History.Keys.Where(k => k.Generation < currentGeneration).ToList())
                {
                    partition.History.Remove(key);
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var existed = partitions.Remove(instanceId, out var partition) && partition.State is not null;
            index.Remove(instanceId);
            quarantine.Remove(instanceId);
            return Task.FromResult(existed);
        }
    }

    /// <summary>The history rows kept for the instance, of every generation: what tests check after a clean-up.</summary>
    internal IReadOnlyList<(int Generation, int Episode)> HistoryRows(string instanceId)
    {
        lock (gate)
        {
            return partitions.TryGetValue(instanceId, out var partition) ? [.. partition.History.Keys] : [];
        }
    }

    private static List<HistoryEvent> ReadHistory(Partition partition, int generation) =>
        [.. partition.History.Where(h => h.Key.Generation == generation).SelectMany(h => HistorySerializer.Deserialize(h.Value))];

    private Partition GetOrAddPartition(string instanceId)
    {
        if (!partitions.TryGetValue(instanceId, out var partition))
        {
            partition = new Partition();
            partitions.Add(instanceId, partition);
        }

        return partition;
    }

    /// <summary>The record as the table would give it back: JSON fields round-tripped, times in UTC, a new ETag.</summary>
    private InstanceRecord Store(InstanceRecord state) => state with
    {
        Failure = state.Failure is null ? null : HistorySerializer.DeserializeFailure(HistorySerializer.SerializeFailure(state.Failure)),
        Attributes = HistorySerializer.DeserializeAttributes(HistorySerializer.SerializeAttributes(new Dictionary<string, string>(state.Attributes, StringComparer.Ordinal))),
        Parent = state.Parent is null ? null : HistorySerializer.DeserializeParent(HistorySerializer.SerializeParent(state.Parent)),
        Carried = state.Carried.Count == 0 ? [] : HistorySerializer.DeserializeCarried(HistorySerializer.SerializeCarried(state.Carried)),
        CreatedAt = TableValues.ToUtc(state.CreatedAt),
        UpdatedAt = TableValues.ToUtc(state.UpdatedAt),
        CompletedAt = state.CompletedAt is { } completed ? TableValues.ToUtc(completed) : null,
        NextTimerAt = state.NextTimerAt is { } next ? TableValues.ToUtc(next) : null,
        ETag = string.Create(CultureInfo.InvariantCulture, $"W/\"{++lastETag}\""),
    };

    /// <summary>One instance's rows. The state is null while only inbox messages exist (sent before the instance was created).</summary>
    private sealed class Partition
    {
        public InstanceRecord? State { get; set; }

        public SortedDictionary<(int Generation, int Episode), string> History { get; } = [];

        public Dictionary<string, InboxMessage> Inbox { get; } = new(StringComparer.Ordinal);
    }
}
