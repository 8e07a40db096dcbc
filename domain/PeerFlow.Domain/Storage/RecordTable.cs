using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace PeerFlow.Domain.Storage;

/// <summary>
/// A table of records kept as JSON in one column, with a few plain columns beside it for server-side filters.
/// Records are small; concurrency is the table's ETag.
/// </summary>
public sealed class RecordTable<T>(TableClient table) where T : class
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public TableClient Table => table;

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
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    public Task UpsertAsync(string partitionKey, string rowKey, T value, IReadOnlyDictionary<string, object?>? columns, CancellationToken cancellationToken) =>
        table.UpsertEntityAsync(ToEntity(partitionKey, rowKey, value, columns), TableUpdateMode.Replace, cancellationToken);

    public async Task DeleteAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }

    /// <summary>Deletes every row of a partition (a referral's rows, in most tables); returns how many went.</summary>
    public async Task<int> DeletePartitionAsync(string partitionKey, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync($"PartitionKey eq '{partitionKey.Replace("'", "''", StringComparison.Ordinal)}'", cancellationToken);
        foreach (var row in rows)
        {
            await DeleteAsync(row.PartitionKey, row.RowKey, cancellationToken);
        }

        return rows.Count;
    }

    public async Task<List<Stored<T>>> QueryAsync(string? filter, CancellationToken cancellationToken)
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
    public async IAsyncEnumerable<IReadOnlyList<Stored<T>>> QueryPagesAsync(string? filter, int pageSize, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: cancellationToken).AsPages().WithCancellation(cancellationToken))
        {
            yield return [.. page.Values.Select(ToStored)];
        }
    }

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
