using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace PeerFlow.Domain.Workflow;

/// <summary>Each referral's inbox of signals: one partition per referral, rows in the order they were stored.</summary>
public sealed class SignalInbox(TableClient table)
{
    public TableClient Table => table;

    /// <summary>Stores a signal; returns its id. Ids sort in storing order within a referral.</summary>
    public async Task<string> PostAsync(string referralId, string name, string payload, DateTime now, CancellationToken cancellationToken)
    {
        var id = now.Ticks.ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        await table.AddEntityAsync(new TableEntity(referralId, id)
        {
            ["Name"] = name,
            ["Payload"] = payload,
            ["StoredAt"] = new DateTimeOffset(DateTime.SpecifyKind(now, DateTimeKind.Utc)),
            // Empty, not absent: a table filter matches only properties that exist.
            ["Outcome"] = "",
            ["TakenBy"] = "",
        }, cancellationToken);
        return id;
    }

    /// <summary>
    /// The next signal for a workflow step. A signal the step does not expect is set aside as ignored; the first it
    /// expects is marked taken by <paramref name="key"/>. Asked again with the same key (a retried activity), it gives
    /// the same signal, so none is skipped and none taken twice. Null when nothing expected is waiting.
    /// </summary>
    public async Task<InboxSignal?> TakeAsync(string referralId, string key, IReadOnlyCollection<string> expected, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var (done, signal) = await TryTakeAsync(referralId, key, expected, cancellationToken);
            if (done)
            {
                return signal;
            }
        }

        throw new InvalidOperationException($"The inbox of {referralId} kept changing while a signal was taken.");
    }

    private async Task<(bool Done, InboxSignal? Signal)> TryTakeAsync(string referralId, string key, IReadOnlyCollection<string> expected, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {referralId} and (TakenBy eq {key} or Outcome eq {""})"), cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        if (rows.FirstOrDefault(r => r.GetString("TakenBy") == key) is { } already)
        {
            return (true, ToSignal(already));
        }

        foreach (var row in rows.OrderBy(r => r.RowKey, StringComparer.Ordinal))
        {
            var wanted = expected.Contains(row.GetString("Name"));
            row["Outcome"] = wanted ? "handled" : "ignored";
            row["TakenBy"] = wanted ? key : "";
            try
            {
                await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Merge, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                // Someone (a retried run of this step) changed the inbox since it was read: read it again.
                return (false, null);
            }

            if (wanted)
            {
                return (true, ToSignal(row));
            }
        }

        return (true, null);
    }

    /// <summary>A referral's signals in the order they were stored, taken or not.</summary>
    public async Task<IReadOnlyList<InboxSignal>> ListAsync(string referralId, CancellationToken cancellationToken)
    {
        var signals = new List<InboxSignal>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {referralId}"), cancellationToken: cancellationToken))
        {
            signals.Add(ToSignal(row));
        }

        return [.. signals.OrderBy(s => s.Id, StringComparer.Ordinal)];
    }

    public async Task<int> DeleteAllAsync(string referralId, CancellationToken cancellationToken)
    {
        var deleted = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {referralId}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            deleted++;
        }

        return deleted;
    }

    private static InboxSignal ToSignal(TableEntity row) =>
        new(row.RowKey, row.GetString("Name"), row.GetString("Payload") ?? "{}", row.GetDateTimeOffset("StoredAt")?.UtcDateTime ?? default)
        {
            TakenBy = row.GetString("TakenBy") is { Length: > 0 } taker ? taker : null,
            Outcome = row.GetString("Outcome") is { Length: > 0 } outcome ? outcome : null,
        };
}
