namespace PeerFlow.Domain.Storage;

/// <summary>
/// The records of a table that are in some state (e.g. notices not delivered), or all of them keyed another way (e.g.
/// matches by mentor), copied into partitions of a table of their own by the writes of the records' table, so a page
/// lists them by reading one partition rather than filtering the whole table. Writes of one record come from one
/// workflow step or action at a time, so copies land in order.
/// </summary>
/// <param name="partition">The partition a record's copy is kept in.</param>
public sealed class Subset<T>(RecordTable<T> rows, Func<T, string> partition, Func<T, bool> holds, Func<T, string> key) : IRecordProjection<T>
    where T : class
{
    /// <summary>The records in a state, all in one partition.</summary>
    public Subset(RecordTable<T> rows, string partition, Func<T, bool> holds, Func<T, string> key)
        : this(rows, _ => partition, holds, key)
    {
    }

    private const string MarkerPartition = "~rebuilt";

    private volatile bool rebuilt;

    public RecordTable<T> Table => rows;

    /// <summary>The copies in one partition (for a subset in one partition, any record will do to name it).</summary>
    public async Task<IReadOnlyList<T>> InAsync(string partitionKey, CancellationToken cancellationToken) =>
        [.. (await rows.PartitionAsync(partitionKey, cancellationToken)).Select(r => r.Value)];

    public Task WrittenAsync(T value, CancellationToken cancellationToken) =>
        holds(value) ? rows.UpsertAsync(partition(value), key(value), value, null, cancellationToken) : rows.DeleteAsync(partition(value), key(value), cancellationToken);

    public Task DeletedAsync(T value, CancellationToken cancellationToken) => rows.DeleteAsync(partition(value), key(value), cancellationToken);

    /// <summary>Copies, once per store, the records in the state written before the subset existed (a scan, once).</summary>
    public async Task<int> RebuildOnceAsync(RecordTable<T> records, FormattableString? inState, CancellationToken cancellationToken)
    {
        if (rebuilt || await rows.GetAsync(MarkerPartition, "", cancellationToken) is not null)
        {
            rebuilt = true;
            return 0;
        }

        var copied = 0;
        foreach (var record in (await records.ScanAsync(inState, cancellationToken)).Select(r => r.Value).Where(holds))
        {
            await rows.UpsertAsync(partition(record), key(record), record, null, cancellationToken);
            copied++;
        }

        await rows.Table.UpsertEntityAsync(new Azure.Data.Tables.TableEntity(MarkerPartition, "") { ["Data"] = "null" }, Azure.Data.Tables.TableUpdateMode.Replace, cancellationToken);
        rebuilt = true;
        return copied;
    }
}
