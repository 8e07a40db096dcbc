using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace PeerFlow.Domain.Workflow;

/// <summary>Each referral's inbox of signals: one partition per referral, rows in the order they were stored.</summary>
public sealed class SignalInbox(TableClient table)
{
    /// <summary>Signals whose workflow may not have been told yet, across referrals: what the sweeper rings for.</summary>
    private const string UnrungPartition = "~unrung";

    public TableClient Table => table;

    /// <summary>
    /// Stores a signal; returns its id. Ids sort in storing order within a referral. The signal is marked unrung first,
    /// until <see cref="RungAsync"/>: a host that dies before telling the workflow leaves the mark for the sweeper.
    /// </summary>
    public async Task<string> PostAsync(string referralId, string name, string payload, DateTime now, CancellationToken cancellationToken)
    {
        var id = now.Ticks.ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        await table.UpsertEntityAsync(new TableEntity(UnrungPartition, UnrungKey(referralId, id))
        {
            ["ReferralId"] = referralId,
            ["SignalId"] = id,
            ["StoredAt"] = new DateTimeOffset(DateTime.SpecifyKind(now, DateTimeKind.Utc)),
        }, TableUpdateMode.Replace, cancellationToken);
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

    /// <summary>The workflow was told of the signal (or has ended, or has yet to start and will read its inbox).</summary>
    public async Task RungAsync(string referralId, string id, CancellationToken cancellationToken) =>
        await table.DeleteEntityAsync(UnrungPartition, UnrungKey(referralId, id), ETag.All, cancellationToken);

    /// <summary>Signals marked unrung since before <paramref name="before"/>: their host died between storing and telling.</summary>
    public async Task<IReadOnlyList<(string ReferralId, string Id)>> UnrungBeforeAsync(DateTime before, CancellationToken cancellationToken)
    {
        var at = new DateTimeOffset(DateTime.SpecifyKind(before, DateTimeKind.Utc));
        var unrung = new List<(string, string)>();
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {UnrungPartition} and StoredAt lt {at}"), cancellationToken: cancellationToken))
        {
            unrung.Add((row.GetString("ReferralId") ?? "", row.GetString("SignalId") ?? ""));
        }

        return unrung;
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
        var (from, to) = (referralId + "|", referralId + "}");
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {UnrungPartition} and RowKey ge {from} and RowKey lt {to}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
        }

        var deleted = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {referralId}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            deleted++;
        }

        return deleted;
    }

    private static string UnrungKey(string referralId, string id) => referralId + "|" + id;

    private static InboxSignal ToSignal(TableEntity row) =>
        new(row.RowKey, row.GetString("Name"), row.GetString("Payload") ?? "{}", row.GetDateTimeOffset("StoredAt")?.UtcDateTime ?? default)
        {
            TakenBy = row.GetString("TakenBy") is { Length: > 0 } taker ? taker : null,
            Outcome = row.GetString("Outcome") is { Length: > 0 } outcome ? outcome : null,
        };
}
