using PeerFlow.Durable.Storage.Azure;

namespace PeerFlow.Durable.Storage.Memory;

/// <summary>The index and its queries, long timers and quarantine records.</summary>
public sealed partial class MemoryInstanceStore
{
    private readonly SortedDictionary<string, InstanceRecord> index = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Day, string InstanceId, int Generation, int TimerId), TimerEntry> timers = [];
    private readonly Dictionary<string, QuarantineEntry> quarantine = new(StringComparer.Ordinal);

    /// <summary>The earliest scheduled long timer, so that a virtual-time test host knows how far it may skip.</summary>
    public DateTime? EarliestTimer
    {
        get
        {
            lock (gate)
            {
                return timers.Count == 0 ? null : timers.Values.Min(t => t.FireAt);
            }
        }
    }

    public Task UpsertIndexAsync(InstanceRecord state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        RowKeys.CheckKey(state.InstanceId, nameof(state));
        foreach (var (name, value) in state.Attributes)
        {
            IndexRow.CheckAttribute(name, value);
        }

        // Only what the index table keeps.
        var indexed = new InstanceRecord
        {
            InstanceId = state.InstanceId,
            Name = state.Name,
            Version = state.Version,
            Status = state.Status,
            Generation = state.Generation,
            CustomStatus = state.CustomStatus is { Length: <= PayloadBlobs.InlineLimit } customStatus ? customStatus : null,
            CreatedAt = TableValues.ToUtc(state.CreatedAt),
            UpdatedAt = TableValues.ToUtc(state.UpdatedAt),
            CompletedAt = state.CompletedAt is { } completed ? TableValues.ToUtc(completed) : null,
            NextTimerAt = state.NextTimerAt is { } next ? TableValues.ToUtc(next) : null,
            Attributes = new Dictionary<string, string>(state.Attributes, StringComparer.Ordinal),
        };
        lock (gate)
        {
            index[state.InstanceId] = indexed;
        }

        return Task.CompletedTask;
    }

    /// <summary>Pages in instance id order; the continuation token is the last id returned.</summary>
    public Task<InstancePage> QueryAsync(InstanceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        foreach (var attribute in query.Attributes)
        {
            IndexRow.CheckAttribute(attribute.Name);
        }

        var pageSize = Math.Clamp(query.PageSize, 1, 1000);
        lock (gate)
        {
            var matches = index.Values
                .Where(r => query.ContinuationToken is null || string.CompareOrdinal(r.InstanceId, query.ContinuationToken) > 0)
                .Where(r => MemoryIndexQuery.Matches(query, r))
                .Take(pageSize + 1)
                .ToList();
            var page = matches.Take(pageSize).ToList();
            return Task.FromResult(new InstancePage(page, matches.Count > pageSize ? page[^1].InstanceId : null));
        }
    }

    public Task ScheduleTimerAsync(TimerEntry timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        RowKeys.CheckKey(timer.InstanceId, nameof(timer));
        lock (gate)
        {
            timers[TimerKey(timer)] = timer with { FireAt = TableValues.ToUtc(timer.FireAt) };
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TimerEntry>> GetTimersDueByAsync(DateTime until, CancellationToken cancellationToken)
    {
        var last = TableValues.ToUtc(until);
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<TimerEntry>>([.. timers.Values.Where(t => t.FireAt <= last).OrderBy(t => t.FireAt)]);
        }
    }

    public Task DeleteTimerAsync(TimerEntry timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        lock (gate)
        {
            timers.Remove(TimerKey(timer));
        }

        return Task.CompletedTask;
    }

    public Task RecordFailureAsync(QuarantineEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        RowKeys.CheckKey(entry.InstanceId, nameof(entry));
        var stored = entry with
        {
            LastError = entry.LastError.Length > PayloadBlobs.InlineLimit ? entry.LastError[..PayloadBlobs.InlineLimit] : entry.LastError,
            At = TableValues.ToUtc(entry.At),
        };
        lock (gate)
        {
            quarantine[entry.InstanceId] = stored;
        }

        return Task.CompletedTask;
    }

    public Task<QuarantineEntry?> GetFailureAsync(string instanceId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(quarantine.GetValueOrDefault(instanceId));
        }
    }

    public Task<IReadOnlyList<QuarantineEntry>> GetQuarantinedAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<QuarantineEntry>>([.. quarantine.Values.Where(q => q.Quarantined).OrderBy(q => q.InstanceId, StringComparer.Ordinal)]);
        }
    }

    /// <summary>The same identity as a timer row (due day, instance, generation, timer id).</summary>
    private static (string, string, int, int) TimerKey(TimerEntry timer) => (TableValues.Day(timer.FireAt), timer.InstanceId, timer.Generation, timer.TimerId);
}
