namespace PeerFlow.Domain.Storage;

/// <summary>
/// The records of a table that are in some state (e.g. notices not delivered), copied into one partition of a table
/// of their own by the writes of the records' table, so a page lists them by reading that partition rather than
/// filtering the whole table. Writes of one record come from one workflow step at a time, so copies land in order.
/// </summary>
public sealed class Subset<T>(RecordTable<T> rows, string partition, Func<T, bool> holds, Func<T, string> key) : IRecordProjection<T>
    where T : class
{
    private const string MarkerPartition = "~rebuilt";

    private volatile bool rebuilt;

    public RecordTable<T> Table => rows;

    /// <summary>Every record in the state, one partition.</summary>
    public async Task<IReadOnlyList<T>> AllAsync(CancellationToken cancellationToken) =>
        [.. (await rows.PartitionAsync(partition, cancellationToken)).Select(r => r.Value)];

    public Task WrittenAsync(T value, CancellationToken cancellationToken) =>
        holds(value) ? rows.UpsertAsync(partition, key(value), value, null, cancellationToken) : rows.DeleteAsync(partition, key(value), cancellationToken);

    public Task DeletedAsync(T value, CancellationToken cancellationToken) => rows.DeleteAsync(partition, key(value), cancellationToken);

    /// <summary>Copies, once per store, the records in the state written before the subset existed (a scan, once).</summary>
    public async Task<int> RebuildOnceAsync(RecordTable<T> records, FormattableString inState, CancellationToken cancellationToken)
    {
        if (rebuilt || await rows.GetAsync(MarkerPartition, "", cancellationToken) is not null)
        {
            rebuilt = true;
            return 0;
        }

        var copied = 0;
        foreach (var record in (await records.ScanAsync(inState, cancellationToken)).Select(r => r.Value).Where(holds))
        {
            await rows.UpsertAsync(partition, key(record), record, null, cancellationToken);
            copied++;
        }

        await rows.Table.UpsertEntityAsync(new Azure.Data.Tables.TableEntity(MarkerPartition, "") { ["Data"] = "null" }, Azure.Data.Tables.TableUpdateMode.Replace, cancellationToken);
        rebuilt = true;
        return copied;
    }
}
