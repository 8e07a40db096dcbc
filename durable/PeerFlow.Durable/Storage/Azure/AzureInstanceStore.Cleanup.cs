using Azure;
using Azure.Data.Tables;

namespace PeerFlow.Durable.Storage.Azure;

public sealed partial class AzureInstanceStore
{
    public async Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken)
    {
        var (rows, _) = await ReadPartitionAsync(instanceId, null, null, cancellationToken, select: ["RowKey"]);
        var existed = rows.Exists(r => r.RowKey == RowKeys.State);

        // State row first: an instance interrupted half-way through its purge is gone, not left with part of its history.
        var keys = rows.Select(r => r.RowKey).OrderBy(k => k == RowKeys.State ? 0 : 1).ToList();
        await DeleteRowsAsync(instanceId, keys, cancellationToken);
        await Task.WhenAll(
            DeleteIfExistsAsync(instances, instanceId, "", cancellationToken),
            DeleteIfExistsAsync(quarantine, instanceId, "", cancellationToken),
            blobs.DeleteInstanceAsync(instanceId, cancellationToken));
        return existed;
    }

    public async Task DeleteOldGenerationsAsync(string instanceId, int currentGeneration, CancellationToken cancellationToken)
    {
        var (rows, _) = await ReadPartitionAsync(instanceId, RowKeys.HistoryPrefix, RowKeys.GenerationStart(currentGeneration), cancellationToken, select: ["RowKey", "EventsBlob"]);
        await DeleteRowsAsync(instanceId, [.. rows.Select(r => r.RowKey)], cancellationToken);
        await blobs.TryDeleteAsync(rows.Select(HistoryRow.BlobOf).OfType<string>(), cancellationToken);
    }

    /// <summary>Deletes rows of one partition, up to a transaction's limit at a time.</summary>
    private async Task DeleteRowsAsync(string instanceId, List<string> rowKeys, CancellationToken cancellationToken)
    {
        foreach (var chunk in rowKeys.Chunk(MaxTransactionOperations))
        {
            try
            {
                await history.SubmitTransactionAsync(
                    chunk.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(instanceId, k), ETag.All)),
                    cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Someone else deleted one of them; the rest go one by one.
                foreach (var key in chunk)
                {
                    await DeleteIfExistsAsync(history, instanceId, key, cancellationToken);
                }
            }
        }
    }

    private static async Task DeleteIfExistsAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }
}
