using Azure.Data.Tables;
using PeerFlow.Durable.History;

namespace PeerFlow.Durable.Storage.Azure;

/// <summary>One episode's events: row <c>h:{generation:D6}:{episode:D8}</c> of the instance's partition.</summary>
internal static class HistoryRow
{
    private const string Events = "Events";

    /// <returns>The row, and the blob holding its events if they were too long for the row.</returns>
    public static async Task<(TableEntity Row, string? Blob)> ToEntityAsync(string instanceId, int generation, int episode, IReadOnlyList<HistoryEvent> events, PayloadBlobs blobs, CancellationToken cancellationToken)
    {
        var row = new TableEntity(instanceId, RowKeys.History(generation, episode));
        var blob = await blobs.SetUniqueAsync(row, Events, HistorySerializer.Serialize(events), instanceId, cancellationToken);
        return (row, blob);
    }

    public static async Task<List<HistoryEvent>> ReadEventsAsync(TableEntity row, PayloadBlobs blobs, CancellationToken cancellationToken) =>
        HistorySerializer.Deserialize(await blobs.GetAsync(row, Events, cancellationToken) ?? "[]");

    public static string? BlobOf(TableEntity row) => PayloadBlobs.BlobOf(row, Events);

    /// <summary>Reads rows of one generation, in row key (episode) order, into one list of events.</summary>
    public static async Task<List<HistoryEvent>> ReadAllAsync(IEnumerable<TableEntity> rows, PayloadBlobs blobs, CancellationToken cancellationToken)
    {
        var episodes = await Task.WhenAll(rows.OrderBy(r => r.RowKey, StringComparer.Ordinal).Select(r => ReadEventsAsync(r, blobs, cancellationToken)));
        return [.. episodes.SelectMany(e => e)];
    }
}
