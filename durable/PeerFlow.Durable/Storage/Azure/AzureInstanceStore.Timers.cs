using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace PeerFlow.Durable.Storage.Azure;

/// <summary>Long timers and quarantine records.</summary>
public sealed partial class AzureInstanceStore
{
    /// <summary>
    /// A timer row lives in the partition of its due day, so that finding due timers reads only past and present
    /// days, which are emptied as their timers are moved to the queue.
    /// </summary>
    public async Task ScheduleTimerAsync(TimerEntry timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var row = new TableEntity(TableValues.Day(timer.FireAt), TimerKey(timer))
        {
            ["InstanceId"] = timer.InstanceId,
            ["Generation"] = timer.Generation,
            ["TimerId"] = timer.TimerId,
        };
        TableValues.SetTime(row, "FireAt", timer.FireAt);
        await timers.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<TimerEntry>> GetTimersDueByAsync(DateTime until, CancellationToken cancellationToken)
    {
        var last = TableValues.ToUtc(until);
        var due = new List<TimerEntry>();
        await foreach (var row in timers.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey le {TableValues.Day(last)}"), cancellationToken: cancellationToken))
        {
            var fireAt = TableValues.GetTime(row, "FireAt") ?? default;
            if (fireAt <= last)
            {
                due.Add(new TimerEntry(row.GetString("InstanceId") ?? "", row.GetInt32("Generation") ?? 0, row.GetInt32("TimerId") ?? 0, fireAt));
            }
        }

        return [.. due.OrderBy(t => t.FireAt)];
    }

    public async Task DeleteTimerAsync(TimerEntry timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        await DeleteIfExistsAsync(timers, TableValues.Day(timer.FireAt), TimerKey(timer), cancellationToken);
    }

    public async Task RecordFailureAsync(QuarantineEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var row = new TableEntity(RowKeys.CheckKey(entry.InstanceId, nameof(entry)), "")
        {
            ["MessageId"] = entry.MessageId,
            ["DequeueCount"] = entry.DequeueCount,

            // A diagnostic: its start is what matters, and it must not make the record itself fail.
            ["LastError"] = entry.LastError.Length > PayloadBlobs.InlineLimit ? entry.LastError[..PayloadBlobs.InlineLimit] : entry.LastError,
            ["Quarantined"] = entry.Quarantined,
        };
        TableValues.SetTime(row, "At", entry.At);
        await quarantine.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<QuarantineEntry?> GetFailureAsync(string instanceId, CancellationToken cancellationToken)
    {
        var row = await quarantine.GetEntityIfExistsAsync<TableEntity>(RowKeys.CheckKey(instanceId, nameof(instanceId)), "", cancellationToken: cancellationToken);
        return row.HasValue ? ToQuarantineEntry(row.Value!) : null;
    }

    public async Task<IReadOnlyList<QuarantineEntry>> GetQuarantinedAsync(CancellationToken cancellationToken)
    {
        var entries = new List<QuarantineEntry>();
        await foreach (var row in quarantine.QueryAsync<TableEntity>("Quarantined eq true", cancellationToken: cancellationToken))
        {
            entries.Add(ToQuarantineEntry(row));
        }

        return entries;
    }

    private static QuarantineEntry ToQuarantineEntry(TableEntity row) => new(
        row.PartitionKey, row.GetString("MessageId") ?? "", row.GetInt32("DequeueCount") ?? 0, row.GetString("LastError") ?? "",
        TableValues.GetTime(row, "At") ?? default, row.GetBoolean("Quarantined") ?? false);

    private static string TimerKey(TimerEntry timer) =>
        string.Create(CultureInfo.InvariantCulture, $"{RowKeys.CheckKey(timer.InstanceId, nameof(timer))}|{timer.Generation}|{timer.TimerId}");
}
