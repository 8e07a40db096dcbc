using Azure.Data.Tables;
using PeerFlow.Durable.History;

namespace PeerFlow.Durable.Storage.Azure;

/// <summary>An unconsumed inbox message: row <c>m:{id}</c> of the instance's partition.</summary>
internal static class InboxRow
{
    /// <returns>The row, and the blobs it refers to, if any were written.</returns>
    public static async Task<(TableEntity Row, List<string> Blobs)> ToEntityAsync(string instanceId, InboxMessage message, PayloadBlobs blobs, CancellationToken cancellationToken)
    {
        var row = new TableEntity(instanceId, RowKeys.Inbox(RowKeys.CheckKey(message.Id, nameof(message))))
        {
            ["Id"] = message.Id,
            ["Sequence"] = message.Sequence,
            ["Kind"] = message.Kind.ToString(),
            ["Name"] = message.Name,
            ["TaskId"] = message.TaskId,
            ["Generation"] = message.Generation,
        };
        var failure = message.Failure is null ? null : HistorySerializer.SerializeFailure(message.Failure);
        var written = await Task.WhenAll(
            blobs.SetUniqueAsync(row, "Payload", message.Payload, instanceId, cancellationToken),
            blobs.SetUniqueAsync(row, "Failure", failure, instanceId, cancellationToken));
        return (row, [.. written.OfType<string>()]);
    }

    public static async Task<InboxMessage> FromEntityAsync(TableEntity row, PayloadBlobs blobs, CancellationToken cancellationToken)
    {
        var payload = blobs.GetAsync(row, "Payload", cancellationToken);
        var failure = blobs.GetAsync(row, "Failure", cancellationToken);
        await Task.WhenAll(payload, failure);
        return new InboxMessage
        {
            Id = row.GetString("Id") ?? row.RowKey[RowKeys.InboxPrefix.Length..],
            Sequence = row.GetInt64("Sequence") ?? 0,
            Kind = TableValues.GetEnum<InboxKind>(row, "Kind"),
            Name = row.GetString("Name"),
            Payload = await payload,
            TaskId = row.GetInt32("TaskId") ?? 0,
            Generation = row.GetInt32("Generation") ?? 0,
            Failure = HistorySerializer.DeserializeFailure(await failure),
        };
    }
}
