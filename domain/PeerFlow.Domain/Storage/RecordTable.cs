using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace PeerFlow.Domain.Storage;

/// <summary>
/// A table of records kept as JSON in one column, with a few plain columns beside it for server-side filters.
/// Records are small; concurrency is the table's ETag. Queries are written as interpolated strings and built by
/// <see cref="TableClient.CreateQueryFilter(FormattableString)"/>, which quotes and escapes every value; a table that
/// grows with referrals (<paramref name="grows"/>) reports each query that names no key to <see cref="TableScans"/>.
/// </summary>
/// <param name="projection">Told of every write and delete, to keep a read model (e.g. open work) in step.</param>
public sealed class RecordTable<T>(TableClient table, bool grows, IRecordProjection<T>? projection = null) where T : class
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public TableClient Table => table;

    /// <summary>True for tables that grow with referrals, where a query without a key filter is a scan to avoid.</summary>
    public bool Grows => grows;

    public async Task<Stored<T>?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? ToStored(response.Value!) : null;
    }

    /// <summary>False when a row with these keys exists already.</summary>
    public async Task<bool> TryInsertAsync(string partitionKey, string rowKey, T value, IReadOnlyDictionary<string, object?>? columns, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(ToEntity(partitionKey, rowKey, value, columns), cancellationToken);
            await WrittenAsync(value, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>False when the row changed since <paramref name="etag"/> was read.</summary>
    public async Task<bool> TryReplaceAsync(string partitionKey, string rowKey, T value, ETag etag, IReadOnlyDictionary<string, object?>? columns, CancellationToken cancellationToken)
    {
        try
        {
            await table.UpdateEntityAsync(ToEntity(partitionKey, rowKey, value, columns), etag, TableUpdateMode.Replace, cancellationToken);
            await WrittenAsync(value, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    public async Task UpsertAsync(string partitionKey, string rowKey, T value, IReadOnlyDictionary<string, object?>? columns, CancellationToken cancellationToken)
    {
        await table.UpsertEntityAsync(ToEntity(partitionKey, rowKey, value, columns), TableUpdateMode.Replace, cancellationToken);
        await WrittenAsync(value, cancellationToken);
    }

    public async Task DeleteAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        // The read model needs what is deleted (e.g. its scheme) to find its own row.
        var gone = projection is null ? null : await GetAsync(partitionKey, rowKey, cancellationToken);
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }

        if (gone is not null)
        {
            await projection!.DeletedAsync(gone.Value, cancellationToken);
        }
    }

    /// <summary>Deletes every row of a partition (a referral's rows, in most tables); returns how many went.</summary>
    public async Task<int> DeletePartitionAsync(string partitionKey, CancellationToken cancellationToken)
    {
        var rows = await PartitionAsync(partitionKey, cancellationToken);
        foreach (var row in rows)
        {
            await DeleteAsync(row.PartitionKey, row.RowKey, cancellationToken);
        }

        return rows.Count;
    }

    /// <summary>Every row of one partition (a referral's rows, in most tables).</summary>
    public Task<List<Stored<T>>> PartitionAsync(string partitionKey, CancellationToken cancellationToken) =>
        QueryAsync($"PartitionKey eq {partitionKey}", cancellationToken);

    /// <summary>Rows matching <paramref name="filter"/>, e.g. <c>$"PartitionKey eq {id} and State eq {state}"</c>.</summary>
    public async Task<List<Stored<T>>> QueryAsync(FormattableString filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        TableScans.Check(table.Name, grows, filter.Format);
        return await ReadAsync(TableClient.CreateQueryFilter(filter), cancellationToken);
    }

    /// <summary>
    /// Every row of the table, or those matching <paramref name="filter"/> when it names no key: a scan, for sweepers'
    /// once-per-store passes and what is listed as still to fix. Reported to <see cref="TableScans"/> like any scan.
    /// </summary>
    public async Task<List<Stored<T>>> ScanAsync(FormattableString? filter, CancellationToken cancellationToken)
    {
        TableScans.Check(table.Name, grows, filter?.Format);
        return await ReadAsync(filter is null ? null : TableClient.CreateQueryFilter(filter), cancellationToken);
    }

    /// <summary>
    /// One page of the rows matching <paramref name="filter"/>, in key order, and the token of the next page (null at the
    /// end). The token is the service's own (next partition and row key), opaque to callers.
    /// </summary>
    public async Task<RecordPage<T>> PageAsync(FormattableString filter, int pageSize, string? continuation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        TableScans.Check(table.Name, grows, filter.Format);
        var pages = table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter(filter), maxPerPage: pageSize, cancellationToken: cancellationToken)
            .AsPages(continuation, pageSize);
        await foreach (var page in pages)
        {
            // The service may answer fewer rows than asked (and even none) with a token: the caller pages on.
            return new RecordPage<T>([.. page.Values.Select(ToStored)], page.ContinuationToken);
        }

        return new RecordPage<T>([], null);
    }

    private async Task<List<Stored<T>>> ReadAsync(string? filter, CancellationToken cancellationToken)
    {
        var rows = new List<Stored<T>>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(ToStored(entity));
        }

        return rows;
    }

    /// <summary>
    /// The rows a filter selects, a page of at most <paramref name="pageSize"/> at a time: for work over a table too
    /// large to hold at once. Rows the caller deletes as it goes do not disturb the pages after.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<Stored<T>>> QueryPagesAsync(FormattableString? filter, int pageSize, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        TableScans.Check(table.Name, grows, filter?.Format);
        await foreach (var page in table.QueryAsync<TableEntity>(filter is null ? null : TableClient.CreateQueryFilter(filter), maxPerPage: pageSize, cancellationToken: cancellationToken).AsPages().WithCancellation(cancellationToken))
        {
            yield return [.. page.Values.Select(ToStored)];
        }
    }

    private Task WrittenAsync(T value, CancellationToken cancellationToken) => projection?.WrittenAsync(value, cancellationToken) ?? Task.CompletedTask;

    /// <summary>Reads, changes and writes back a record until no one else changed it in between.</summary>
    public async Task<T?> UpdateAsync(string partitionKey, string rowKey, Func<T, T?> change, Func<T, IReadOnlyDictionary<string, object?>?>? columns, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var current = await GetAsync(partitionKey, rowKey, cancellationToken);
            if (current is null)
            {
                return null;
            }

            var next = change(current.Value);
            if (next is null || ReferenceEquals(next, current.Value))
            {
                return current.Value;
            }

            if (await TryReplaceAsync(partitionKey, rowKey, next, current.ETag, columns?.Invoke(next), cancellationToken))
            {
                return next;
            }
        }

        throw new InvalidOperationException($"Record {partitionKey}/{rowKey} kept changing under an update; giving up.");
    }

    private static TableEntity ToEntity(string partitionKey, string rowKey, T value, IReadOnlyDictionary<string, object?>? columns)
    {
        var entity = new TableEntity(partitionKey, rowKey) { ["Data"] = JsonSerializer.Serialize(value, Json) };
        foreach (var (name, column) in columns ?? new Dictionary<string, object?>())
        {
            entity[name] = column;
        }

        return entity;
    }

    private static Stored<T> ToStored(TableEntity entity) =>
        new(JsonSerializer.Deserialize<T>(entity.GetString("Data") ?? "null", Json)!, entity.ETag, entity.PartitionKey, entity.RowKey);
}

public sealed record Stored<T>(T Value, ETag ETag, string PartitionKey, string RowKey);

/// <summary>One page of a query, and the token of the next (null when this is the last).</summary>
public sealed record RecordPage<T>(IReadOnlyList<Stored<T>> Rows, string? Continuation);

/// <summary>A read model kept by the writes of a <see cref="RecordTable{T}"/>: told after each write and delete.</summary>
public interface IRecordProjection<in T>
{
    Task WrittenAsync(T value, CancellationToken cancellationToken);

    Task DeletedAsync(T value, CancellationToken cancellationToken);
}
