using Azure;
using Azure.Data.Tables;
using PeerFlow.Durable.History;

namespace PeerFlow.Durable.Storage.Azure;

/// <summary>
/// <see cref="IInstanceStore"/> on Azure Storage tables. Each instance is one partition of the history table: its
/// state row, one row per episode and its inbox, so that an episode commits in one entity-group transaction.
/// Text too long for a row lives in blobs (see <see cref="PayloadBlobs"/>).
/// </summary>
public sealed partial class AzureInstanceStore : IInstanceStore
{
    private readonly TableClient history;
    private readonly TableClient instances;
    private readonly TableClient timers;
    private readonly TableClient quarantine;
    private readonly PayloadBlobs blobs;

    public AzureInstanceStore(AzureStorageClients clients, string taskHub)
    {
        ArgumentNullException.ThrowIfNull(clients);
        var names = new TaskHubNames(taskHub);
        history = clients.Tables.GetTableClient(names.History);
        instances = clients.Tables.GetTableClient(names.Instances);
        timers = clients.Tables.GetTableClient(names.Timers);
        quarantine = clients.Tables.GetTableClient(names.Quarantine);
        blobs = new PayloadBlobs(clients.Blobs.GetBlobContainerClient(names.Payloads));
    }

    /// <summary>Rows per page when reading a partition; tests make it small to exercise reads that span pages.</summary>
    internal int? PartitionPageSize { get; init; }

    /// <summary>Creates the hub's tables and payload container if they are missing; meant to be called once at start-up.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(
            history.CreateIfNotExistsAsync(cancellationToken),
            instances.CreateIfNotExistsAsync(cancellationToken),
            timers.CreateIfNotExistsAsync(cancellationToken),
            quarantine.CreateIfNotExistsAsync(cancellationToken),
            blobs.Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken));

    public async Task<bool> CreateAsync(InstanceRecord state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        RowKeys.CheckKey(state.InstanceId, nameof(state));
        var row = await StateRow.ToEntityAsync(state, blobs, cancellationToken);
        try
        {
            await history.AddEntityAsync(row, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<InstanceSnapshot?> LoadAsync(string instanceId, string? knownETag, CancellationToken cancellationToken)
    {
        // Inbox and state sort after the history, so one range query reads them without it.
        var (rows, pages) = await ReadPartitionAsync(instanceId, knownETag is null ? null : RowKeys.InboxPrefix, null, cancellationToken);
        if (rows.Find(r => r.RowKey == RowKeys.State) is not { } stateRow)
        {
            return null;
        }

        var generation = stateRow.GetInt32("Generation") ?? 0;
        var changed = knownETag is null || !string.Equals(stateRow.ETag.ToString(), knownETag, StringComparison.Ordinal);
        if (pages > 1)
        {
            // Rows on earlier pages were read before the state row and may be older than it: a history row missing,
            // an inbox row already consumed. Read them again after it; rows newer than the state only make the
            // next commit fail its ETag check.
            var from = changed ? RowKeys.GenerationStart(generation) : RowKeys.InboxPrefix;
            (rows, _) = await ReadPartitionAsync(instanceId, from, RowKeys.State, cancellationToken);
        }
        else if (changed && knownETag is not null)
        {
            var (historyRows, _) = await ReadPartitionAsync(instanceId, RowKeys.GenerationStart(generation), RowKeys.GenerationStart(generation + 1), cancellationToken);
            rows.AddRange(historyRows);
        }

        var state = StateRow.FromEntityAsync(stateRow, blobs, cancellationToken);
        var inbox = Task.WhenAll(rows.Where(r => r.RowKey.StartsWith(RowKeys.InboxPrefix, StringComparison.Ordinal)).Select(r => InboxRow.FromEntityAsync(r, blobs, cancellationToken)));
        var events = changed
            ? await HistoryRow.ReadAllAsync(rows.Where(r => RowKeys.TryParseHistory(r.RowKey, out var g, out _) && g == generation), blobs, cancellationToken)
            : null;
        var ordered = (await inbox).OrderBy(m => m.Sequence).ThenBy(m => m.Id, StringComparer.Ordinal).ToList();
        return new InstanceSnapshot(await state, events, ordered);
    }

    public async Task AddInboxAsync(string instanceId, InboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        RowKeys.CheckKey(instanceId, nameof(instanceId));
        var (row, written) = await InboxRow.ToEntityAsync(instanceId, message, blobs, cancellationToken);
        try
        {
            await history.AddEntityAsync(row, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Sent before. (Or sent by this very call, when a retried request had already succeeded: the blobs
            // that the stored row refers to must stay.)
            await DeleteUnreferencedAsync(instanceId, row.RowKey, written, cancellationToken);
        }
    }

    public async Task<InstanceRecord?> GetAsync(string instanceId, CancellationToken cancellationToken)
    {
        var row = await history.GetEntityIfExistsAsync<TableEntity>(instanceId, RowKeys.State, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? await StateRow.FromEntityAsync(entity, blobs, cancellationToken) : null;
    }

    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken) =>
        (await LoadAsync(instanceId, null, cancellationToken))?.History ?? [];

    /// <summary>All rows of the partition with <paramref name="from"/> &lt;= RowKey &lt; <paramref name="to"/>, and how many pages that took.</summary>
    private async Task<(List<TableEntity> Rows, int Pages)> ReadPartitionAsync(string instanceId, string? from, string? to, CancellationToken cancellationToken, IEnumerable<string>? select = null)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}");
        if (from is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"RowKey ge {from}");
        }

        if (to is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"RowKey lt {to}");
        }

        var rows = new List<TableEntity>();
        var pages = 0;
        await foreach (var page in history.QueryAsync<TableEntity>(filter, PartitionPageSize, select, cancellationToken).AsPages())
        {
            pages++;
            rows.AddRange(page.Values);
        }

        return (rows, pages);
    }

    /// <summary>After a write that found its row already there: deletes the blobs written for it, unless the stored row refers to them.</summary>
    private async Task DeleteUnreferencedAsync(string instanceId, string rowKey, List<string> written, CancellationToken cancellationToken)
    {
        if (written.Count == 0)
        {
            return;
        }

        var stored = await history.GetEntityIfExistsAsync<TableEntity>(instanceId, rowKey, cancellationToken: cancellationToken);
        var referenced = stored.HasValue && stored.Value is { } row
            ? row.Where(p => p.Key.EndsWith("Blob", StringComparison.Ordinal)).Select(p => p.Value as string).ToHashSet(StringComparer.Ordinal)
            : [];
        await blobs.TryDeleteAsync(written.Where(b => !referenced.Contains(b)), cancellationToken);
    }
}
