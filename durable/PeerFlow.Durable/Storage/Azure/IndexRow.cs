using Azure.Data.Tables;

namespace PeerFlow.Durable.Storage.Azure;

/// <summary>
/// An instance's row in the index table: the fields that queries filter on or list, and each searchable attribute
/// as its own string property <c>a_{name}</c>, so that the table service can filter on it.
/// </summary>
internal static class IndexRow
{
    public const string AttributePrefix = "a_";

    public static TableEntity ToEntity(InstanceRecord state)
    {
        var row = new TableEntity(RowKeys.CheckKey(state.InstanceId, nameof(state)), "")
        {
            ["Name"] = state.Name,
            ["Version"] = state.Version,
            ["Status"] = state.Status.ToString(),
            ["Generation"] = state.Generation,
            ["CustomStatus"] = state.CustomStatus is { Length: <= PayloadBlobs.InlineLimit } customStatus ? customStatus : null,
        };
        TableValues.SetTime(row, "CreatedAt", state.CreatedAt);
        TableValues.SetTime(row, "UpdatedAt", state.UpdatedAt);
        TableValues.SetTime(row, "CompletedAt", state.CompletedAt);
        TableValues.SetTime(row, "NextTimerAt", state.NextTimerAt);
        foreach (var (name, value) in state.Attributes)
        {
            row[AttributePrefix + CheckAttribute(name, value)] = value;
        }

        return row;
    }

    public static InstanceRecord FromEntity(TableEntity row) => new()
    {
        InstanceId = row.PartitionKey,
        Name = row.GetString("Name") ?? "",
        Version = row.GetString("Version") ?? "",
        Status = TableValues.GetEnum<OrchestrationRuntimeStatus>(row, "Status"),
        Generation = row.GetInt32("Generation") ?? 0,
        CustomStatus = row.GetString("CustomStatus"),
        CreatedAt = TableValues.GetTime(row, "CreatedAt") ?? default,
        UpdatedAt = TableValues.GetTime(row, "UpdatedAt") ?? default,
        CompletedAt = TableValues.GetTime(row, "CompletedAt"),
        NextTimerAt = TableValues.GetTime(row, "NextTimerAt"),
        Attributes = row
            .Where(p => p.Key.StartsWith(AttributePrefix, StringComparison.Ordinal) && p.Value is string)
            .ToDictionary(p => p.Key[AttributePrefix.Length..], p => (string)p.Value, StringComparer.Ordinal),
    };

    /// <summary>Attribute names become property names and appear in filters, so only plain identifiers pass.</summary>
    public static string CheckAttribute(string name, string? value = null)
    {
        if (!AttributeNames.IsValid(name))
        {
            throw new ArgumentException($"'{name}' is not a valid attribute name: up to 32 ASCII letters and digits, starting with a letter.", nameof(name));
        }

        if (value is { Length: > PayloadBlobs.InlineLimit })
        {
            throw new ArgumentException($"The value of attribute '{name}' is {value.Length} characters long; an indexed attribute holds at most {PayloadBlobs.InlineLimit}.", nameof(value));
        }

        return name;
    }
}
