using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using PeerFlow.Domain.Records;

namespace PeerFlow.Domain.Storage;

/// <summary>
/// Open work, the read model the dashboard, alerts and referral lists read: a copy of every open referral's record
/// (or a closed one with a safeguarding concern still open), PartitionKey = scheme id, RowKey = referral id. Kept by
/// the writes of <see cref="PeerFlowStore.Referrals"/> themselves, so no code path that changes a referral can forget
/// it; a referral that closes or is erased leaves it. Azure Tables has no transaction across partitions, so each copy
/// is written after its record and carries the record's server timestamp: a copy older than the one stored is never
/// written over it, whatever order two writers finish in. <see cref="RebuildOnceAsync"/> rebuilds it from the records.
/// Closed referrals are kept apart in <c>closed|{scheme}</c> partitions of the same table, newest closure first, for
/// the list of closed referrals.
/// </summary>
public sealed class OpenWork(RecordTable<Referral> rows, TableClient referrals) : IRecordProjection<Referral>
{
    private const string MarkerPartition = "~rebuilt";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private volatile bool rebuilt;

    public RecordTable<Referral> Table => rows;

    /// <summary>Open work: not closed, or closed with a concern still open (the dashboard's first section).</summary>
    public static bool Holds(Referral referral) => referral.Stage != ReferralStage.Closed || referral.OpenConcerns > 0;

    /// <summary>One scheme's open work, one partition.</summary>
    public async Task<IReadOnlyList<Referral>> OfSchemeAsync(string schemeId, CancellationToken cancellationToken) =>
        [.. (await rows.PartitionAsync(schemeId, cancellationToken)).Select(r => r.Value)];

    /// <summary>The open work of these schemes (those the reader may see), their partitions read at once.</summary>
    public async Task<IReadOnlyList<Referral>> OfSchemesAsync(IEnumerable<string> schemeIds, CancellationToken cancellationToken) =>
        [.. (await Task.WhenAll(schemeIds.Distinct(StringComparer.Ordinal).Select(s => OfSchemeAsync(s, cancellationToken)))).SelectMany(r => r)];

    /// <summary>
    /// How many of a scheme's open referrals arrived in [<paramref name="from"/>, <paramref name="to"/>]: a flood is
    /// new referrals, and new referrals are open. Copies written before the column existed are not counted.
    /// </summary>
    public async Task<int> ReceivedBetweenAsync(string schemeId, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var (since, until) = (DateTime.SpecifyKind(from, DateTimeKind.Utc), DateTime.SpecifyKind(to, DateTimeKind.Utc));
        return (await rows.QueryAsync($"PartitionKey eq {schemeId} and ReceivedAt ge {since} and ReceivedAt le {until}", cancellationToken)).Count;
    }

    /// <summary>
    /// One page of a scheme's closed referrals, most recently closed first: a partition of its own beside open work,
    /// <c>closed|{scheme}</c>, keyed by closing time, so paging is the service's own continuation.
    /// </summary>
    public Task<RecordPage<Referral>> ClosedPageAsync(string schemeId, int pageSize, string? continuation, CancellationToken cancellationToken) =>
        rows.PageAsync($"PartitionKey eq {ClosedPartition(schemeId)}", pageSize, continuation, cancellationToken);

    public async Task WrittenAsync(Referral value, CancellationToken cancellationToken)
    {
        await SyncAsync(value.Id, value.SchemeId, cancellationToken);
        if (value.Stage == ReferralStage.Closed)
        {
            // Closed referrals change little after closing (a concern, feedback): the last write's copy is kept.
            await rows.UpsertAsync(ClosedPartition(value.SchemeId), ClosedKey(value), value, null, cancellationToken);
        }
    }

    public async Task DeletedAsync(Referral value, CancellationToken cancellationToken)
    {
        await SyncAsync(value.Id, value.SchemeId, cancellationToken);
        await rows.DeleteAsync(ClosedPartition(value.SchemeId), ClosedKey(value), cancellationToken);
    }

    private static string ClosedPartition(string schemeId) => "closed|" + schemeId;

    private static string ClosedKey(Referral referral) => PeerFlowStore.NewestFirstKey(referral.ClosedAt ?? referral.ReceivedAt) + "|" + referral.Id;

    /// <summary>
    /// Makes the copy of one referral match its record as stored now: written when open, removed otherwise. Reads the
    /// record again rather than trusting the caller's value, so the copy is never older than what a reader could see.
    /// </summary>
    public async Task SyncAsync(string referralId, string schemeId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var record = await referrals.GetEntityIfExistsAsync<TableEntity>(referralId, "", cancellationToken: cancellationToken);
            var referral = record.HasValue ? JsonSerializer.Deserialize<Referral>(record.Value!.GetString("Data") ?? "null", Json) : null;
            if (referral is null || !Holds(referral))
            {
                await rows.DeleteAsync(schemeId, referralId, cancellationToken);
                return;
            }

            if (await TryWriteAsync(referral, record.Value!.Timestamp ?? DateTimeOffset.MinValue, cancellationToken))
            {
                return;
            }
        }

        throw new InvalidOperationException($"The open-work copy of {referralId} kept changing; the rebuild will correct it.");
    }

    /// <summary>False when another writer changed the copy in between (read again and retry).</summary>
    private async Task<bool> TryWriteAsync(Referral referral, DateTimeOffset recordAt, CancellationToken cancellationToken)
    {
        var columns = Columns(referral, recordAt);
        var copy = await rows.Table.GetEntityIfExistsAsync<TableEntity>(referral.SchemeId, referral.Id, ["RecordAt"], cancellationToken);
        if (!copy.HasValue)
        {
            return await rows.TryInsertAsync(referral.SchemeId, referral.Id, referral, columns, cancellationToken);
        }

        if (copy.Value!.GetDateTimeOffset("RecordAt") is { } stored && stored > recordAt)
        {
            return true; // a newer writer got there first
        }

        return await rows.TryReplaceAsync(referral.SchemeId, referral.Id, referral, copy.Value.ETag, columns, cancellationToken);
    }

    /// <summary>
    /// Builds open work from the records, once per store (an upgraded deployment, or records written straight to the
    /// tables): every open referral is copied and every copy of one no longer open is removed, and every referral's
    /// reference is indexed. Idempotent; a marker row ends it for good once a whole pass is done. Two scans, once.
    /// Returns how many copies were written or removed.
    /// </summary>
    public async Task<int> RebuildOnceAsync(RecordTable<Referral> records, ReferenceIndex references, CancellationToken cancellationToken)
    {
        if (rebuilt || await rows.GetAsync(MarkerPartition, "", cancellationToken) is not null)
        {
            rebuilt = true;
            return 0;
        }

        var changed = 0;
        var open = new HashSet<string>(StringComparer.Ordinal);
        foreach (var referral in (await records.ScanAsync(null, cancellationToken)).Select(r => r.Value))
        {
            await references.WrittenAsync(referral, cancellationToken);
            if (referral.Stage == ReferralStage.Closed)
            {
                await rows.UpsertAsync(ClosedPartition(referral.SchemeId), ClosedKey(referral), referral, null, cancellationToken);
            }

            if (!Holds(referral))
            {
                continue;
            }

            open.Add(referral.Id);
            await SyncAsync(referral.Id, referral.SchemeId, cancellationToken);
            changed++;
        }

        foreach (var copy in await rows.ScanAsync(null, cancellationToken))
        {
            if (copy.PartitionKey != MarkerPartition && !copy.PartitionKey.StartsWith("closed|", StringComparison.Ordinal) && !open.Contains(copy.RowKey))
            {
                await SyncAsync(copy.RowKey, copy.PartitionKey, cancellationToken);
                changed++;
            }
        }

        await rows.Table.UpsertEntityAsync(new TableEntity(MarkerPartition, "") { ["Data"] = "null" }, TableUpdateMode.Replace, cancellationToken);
        rebuilt = true;
        return changed;
    }

    private static Dictionary<string, object?> Columns(Referral referral, DateTimeOffset recordAt) => new()
    {
        ["Stage"] = referral.Stage.ToString(),
        ["OpenConcerns"] = referral.OpenConcerns,
        ["RecordAt"] = recordAt,
        ["ReceivedAt"] = DateTime.SpecifyKind(referral.ReceivedAt, DateTimeKind.Utc),
    };
}
