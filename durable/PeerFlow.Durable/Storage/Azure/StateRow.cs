using System.Globalization;
using Azure.Data.Tables;
using PeerFlow.Durable.History;

namespace PeerFlow.Durable.Storage.Azure;

/// <summary>An instance's state row ("state" in its partition of the history table).</summary>
internal static class StateRow
{
    public static async Task<TableEntity> ToEntityAsync(InstanceRecord state, PayloadBlobs blobs, CancellationToken cancellationToken)
    {
        var id = state.InstanceId;
        var row = new TableEntity(id, RowKeys.State)
        {
            ["Name"] = state.Name,
            ["Version"] = state.Version,
            ["Status"] = state.Status.ToString(),
            ["Generation"] = state.Generation,
            ["Episodes"] = state.Episodes,
            ["Parent"] = state.Parent is null ? null : HistorySerializer.SerializeParent(state.Parent),
        };
        TableValues.SetTime(row, "CreatedAt", state.CreatedAt);
        TableValues.SetTime(row, "UpdatedAt", state.UpdatedAt);
        TableValues.SetTime(row, "CompletedAt", state.CompletedAt);
        TableValues.SetTime(row, "NextTimerAt", state.NextTimerAt);

        // Scoped by creation time: see PayloadBlobs.SetStableAsync.
        var scope = TableValues.ToUtc(state.CreatedAt).Ticks.ToString(CultureInfo.InvariantCulture);
        var failure = state.Failure is null ? null : HistorySerializer.SerializeFailure(state.Failure);
        var attributes = state.Attributes.Count == 0 ? null : HistorySerializer.SerializeAttributes(new Dictionary<string, string>(state.Attributes, StringComparer.Ordinal));
        var carried = state.Carried.Count == 0 ? null : HistorySerializer.SerializeCarried(state.Carried);
        await Task.WhenAll(
            blobs.SetStableAsync(row, "Input", state.Input, id, scope, cancellationToken),
            blobs.SetStableAsync(row, "Output", state.Output, id, scope, cancellationToken),
            blobs.SetStableAsync(row, "CustomStatus", state.CustomStatus, id, scope, cancellationToken),
            blobs.SetStableAsync(row, "Failure", failure, id, scope, cancellationToken),
            blobs.SetStableAsync(row, "Attributes", attributes, id, scope, cancellationToken),
            blobs.SetStableAsync(row, "Carried", carried, id, scope, cancellationToken));
        return row;
    }

    public static async Task<InstanceRecord> FromEntityAsync(TableEntity row, PayloadBlobs blobs, CancellationToken cancellationToken)
    {
        var input = blobs.GetAsync(row, "Input", cancellationToken);
        var output = blobs.GetAsync(row, "Output", cancellationToken);
        var customStatus = blobs.GetAsync(row, "CustomStatus", cancellationToken);
        var failure = blobs.GetAsync(row, "Failure", cancellationToken);
        var attributes = blobs.GetAsync(row, "Attributes", cancellationToken);
        var carried = blobs.GetAsync(row, "Carried", cancellationToken);
        await Task.WhenAll(input, output, customStatus, failure, attributes, carried);
        return new InstanceRecord
        {
            InstanceId = row.PartitionKey,
            Name = row.GetString("Name") ?? "",
            Version = row.GetString("Version") ?? "",
            Status = TableValues.GetEnum<OrchestrationRuntimeStatus>(row, "Status"),
            Generation = row.GetInt32("Generation") ?? 0,
            Episodes = row.GetInt32("Episodes") ?? 0,
            Input = await input,
            Output = await output,
            CustomStatus = await customStatus,
            Failure = HistorySerializer.DeserializeFailure(await failure),
            Attributes = HistorySerializer.DeserializeAttributes(await attributes),
            Parent = HistorySerializer.DeserializeParent(row.GetString("Parent")),
            Carried = HistorySerializer.DeserializeCarried(await carried),
            CreatedAt = TableValues.GetTime(row, "CreatedAt") ?? default,
            UpdatedAt = TableValues.GetTime(row, "UpdatedAt") ?? default,
            CompletedAt = TableValues.GetTime(row, "CompletedAt"),
            NextTimerAt = TableValues.GetTime(row, "NextTimerAt"),
            ETag = row.ETag.ToString(),
        };
    }
}
