using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using PeerFlow.Domain.Calendar;
using PeerFlow.Domain.Records;

namespace PeerFlow.Domain.Storage;

/// <summary>
/// What the monthly report counts of each referral, filed under every month it was alive in, so a report reads the
/// partitions of its months and never a whole table. Each referral's figures (its record and its matches, check-ins,
/// feedback, outcome scores and concern times, stripped as <see cref="RetainedReferral"/> strips them: no reference, notes or comments)
/// are kept once under <c>PartitionKey = referral id</c>, and copied to <c>PartitionKey = {scheme}|{yyyy-MM}</c>,
/// <c>RowKey = referral id</c> for each London month from its receipt to its last event. Kept by the writes of the
/// referral, match, check-in, feedback, outcome and concern tables (each recomputes the referral's figures from its records);
/// <see cref="RebuildOnceAsync"/> files what was written before this table existed.
/// </summary>
/// <remarks>
/// A referral with no event in a month after its last one is not copied into that month: a report finds such a
/// referral, still open at its month's end, among the months before (its trend reads twelve) or, when idle longer,
/// through open work (<see cref="FiguresAsync"/>). Copies carry the version of the figures they were copied from, and a
/// reader keeps the highest it finds, so a copy left behind by a slower concurrent writer is outvoted where read.
/// </remarks>
public sealed class ReportMonths(RecordTable<ReportFigures> rows, PeerFlowStore store)
{
    // Renamed when what is filed grows (the mentee's postcode district): an upgraded store files every referral once more.
    private const string MarkerPartition = "~rebuilt-2";

    private volatile bool rebuilt;

    public RecordTable<ReportFigures> Table => rows;

    /// <summary>The month partition of a scheme: <c>{scheme}|{yyyy-MM}</c>.</summary>
    public static string Partition(string schemeId, DateOnly month) => schemeId + "|" + month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The London calendar month, as its first day, that a UTC instant falls in.</summary>
    public static DateOnly MonthOf(DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), UkTime.London);
        return new DateOnly(local.Year, local.Month, 1);
    }

    /// <summary>The months a referral's figures are filed under: from its receipt to its latest event.</summary>
    public static IEnumerable<DateOnly> Months(RetainedReferral figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var r = figures.Referral;
        DateTime?[] times =
        [
            r.ReceivedAt, r.AssessedAt, r.ClosedAt,
            .. figures.Matches.SelectMany(m => new[] { m.ProposedAt, m.RespondedAt, m.AnsweredAt, m.EndedAt }),
            .. figures.CheckIns.Select(c => (DateTime?)c.At),
            .. figures.Feedback.Select(f => (DateTime?)f.At),
            .. figures.ConcernsRaisedAt.Select(c => (DateTime?)c),
            .. figures.Outcomes.Select(o => (DateTime?)o.At),
        ];
        var last = MonthOf(times.OfType<DateTime>().Max());
        for (var month = MonthOf(r.ReceivedAt); month <= last; month = month.AddMonths(1))
        {
            yield return month;
        }
    }

    /// <summary>The rows one referral's figures are kept as: its own, then a copy per month (what a seeder writes too).</summary>
    public static IEnumerable<(string PartitionKey, string RowKey, ReportFigures Value)> RowsOf(RetainedReferral figures, long version)
    {
        var value = new ReportFigures(figures, version);
        yield return (figures.Referral.Id, "", value);
        foreach (var month in Months(figures))
        {
            yield return (Partition(figures.Referral.SchemeId, month), figures.Referral.Id, value);
        }
    }

    /// <summary>
    /// The figures of every referral of a scheme alive in any of <paramref name="months"/>: the partitions of those
    /// months, and the open referrals idle since before them (open work names them; their own rows are read by key).
    /// </summary>
    public async Task<IReadOnlyList<RetainedReferral>> FiguresAsync(string schemeId, IReadOnlyList<DateOnly> months, DateTime before, CancellationToken cancellationToken)
    {
        var read = await Task.WhenAll(months.Select(m => rows.PartitionAsync(Partition(schemeId, m), cancellationToken)));
        var found = read.SelectMany(r => r).Select(r => r.Value)
            .GroupBy(f => f.Figures.Referral.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(f => f.Version)!.Figures, StringComparer.Ordinal);
        var idle = (await store.OpenWork.OfSchemeAsync(schemeId, cancellationToken)).Where(r => !found.ContainsKey(r.Id) && r.ReceivedAt < before).ToList();
        foreach (var own in await Task.WhenAll(idle.Select(r => rows.GetAsync(r.Id, "", cancellationToken))))
        {
            if (own is not null)
            {
                found[own.Value.Figures.Referral.Id] = own.Value.Figures;
            }
        }

        return [.. found.Values];
    }

    /// <summary>
    /// Files one referral's figures as its records stand now: recomputed from them (never from the caller's value),
    /// written over the stored figures only if nobody changed those meanwhile, so the last writer's reading wins; a
    /// referral gone removes them. Months no longer spanned lose their copy.
    /// </summary>
    public async Task SyncAsync(string referralId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var stored = await rows.GetAsync(referralId, "", cancellationToken);
            var figures = await ReadAsync(referralId, cancellationToken);
            if (figures is null)
            {
                if (stored is not null)
                {
                    await RemoveAsync(stored.Value, cancellationToken);
                }

                return;
            }

            if (stored is not null && Same(stored.Value.Figures, figures))
            {
                return;
            }

            var version = (stored?.Value.Version ?? 0) + 1;
            var value = new ReportFigures(figures, version);
            var written = stored is null
                ? await rows.TryInsertAsync(referralId, "", value, null, cancellationToken)
                : await rows.TryReplaceAsync(referralId, "", value, stored.ETag, null, cancellationToken);
            if (!written)
            {
                continue;
            }

            var months = RowsOf(figures, version).Skip(1).ToList();
            await Task.WhenAll(months.Select(m => rows.UpsertAsync(m.PartitionKey, m.RowKey, m.Value, null, cancellationToken)));
            if (stored is not null)
            {
                var now = months.Select(m => m.PartitionKey).ToHashSet(StringComparer.Ordinal);
                var dropped = RowsOf(stored.Value.Figures, 0).Skip(1).Where(m => !now.Contains(m.PartitionKey));
                await Task.WhenAll(dropped.Select(m => rows.DeleteAsync(m.PartitionKey, m.RowKey, cancellationToken)));
            }

            return;
        }

        throw new InvalidOperationException($"The report figures of {referralId} kept changing; the next write will correct them.");
    }

    /// <summary>Removes a referral's figures and every month's copy (erasure).</summary>
    public async Task EraseAsync(string referralId, CancellationToken cancellationToken)
    {
        if (await rows.GetAsync(referralId, "", cancellationToken) is { } stored)
        {
            await RemoveAsync(stored.Value, cancellationToken);
        }
    }

    /// <summary>
    /// Files every referral's figures, once per store (an upgraded deployment, or records written straight to the
    /// tables, or a store filed before the mentee's district was): seven scans, once, then a marker row. Idempotent. Returns how many referrals were filed.
    /// </summary>
    public async Task<int> RebuildOnceAsync(CancellationToken cancellationToken)
    {
        if (rebuilt || await rows.GetAsync(MarkerPartition, "", cancellationToken) is not null)
        {
            rebuilt = true;
            return 0;
        }

        var referrals = store.Referrals.ScanAsync(null, cancellationToken);
        var matches = store.Matches.ScanAsync(null, cancellationToken);
        var checkIns = store.CheckIns.ScanAsync(null, cancellationToken);
        var feedback = store.Feedback.ScanAsync(null, cancellationToken);
        var concerns = store.Concerns.ScanAsync(null, cancellationToken);
        var outcomes = store.OutcomeAnswers.ScanAsync(null, cancellationToken);
        var mentees = store.People.ScanAsync($"RowKey eq {nameof(PersonRole.Mentee)}", cancellationToken);
        var m = (await matches).ToLookup(r => r.PartitionKey, r => r.Value, StringComparer.Ordinal);
        var c = (await checkIns).ToLookup(r => r.PartitionKey, r => r.Value, StringComparer.Ordinal);
        var f = (await feedback).ToLookup(r => r.PartitionKey, r => r.Value, StringComparer.Ordinal);
        var s = (await concerns).ToLookup(r => r.PartitionKey, r => r.Value, StringComparer.Ordinal);
        var o = (await outcomes).ToLookup(r => r.PartitionKey, r => r.Value, StringComparer.Ordinal);
        var districts = (await mentees).ToDictionary(r => r.PartitionKey, r => r.Value.PostcodeDistrict, StringComparer.Ordinal);
        var filed = 0;
        foreach (var referral in (await referrals).Select(r => r.Value))
        {
            var figures = RetainedReferral.Of(referral, m[referral.Id], c[referral.Id], f[referral.Id], s[referral.Id], o[referral.Id], districts.GetValueOrDefault(referral.Id));
            if (await rows.GetAsync(referral.Id, "", cancellationToken) is { } stored && Same(stored.Value.Figures, figures))
            {
                continue;
            }

            await SyncAsync(referral.Id, cancellationToken);
            filed++;
        }

        await rows.Table.UpsertEntityAsync(new TableEntity(MarkerPartition, "") { ["Data"] = "null" }, TableUpdateMode.Replace, cancellationToken);
        rebuilt = true;
        return filed;
    }

    private async Task RemoveAsync(ReportFigures stored, CancellationToken cancellationToken)
    {
        await Task.WhenAll(RowsOf(stored.Figures, 0).Skip(1).Select(m => rows.DeleteAsync(m.PartitionKey, m.RowKey, cancellationToken)));
        await rows.DeleteAsync(stored.Figures.Referral.Id, "", cancellationToken);
    }

    private async Task<RetainedReferral?> ReadAsync(string referralId, CancellationToken cancellationToken)
    {
        var referral = store.Referrals.GetAsync(referralId, "", cancellationToken);
        var matches = store.Matches.PartitionAsync(referralId, cancellationToken);
        var checkIns = store.CheckIns.PartitionAsync(referralId, cancellationToken);
        var feedback = store.Feedback.PartitionAsync(referralId, cancellationToken);
        var concerns = store.Concerns.PartitionAsync(referralId, cancellationToken);
        var outcomes = store.OutcomeAnswers.PartitionAsync(referralId, cancellationToken);
        var mentee = store.People.GetAsync(referralId, nameof(PersonRole.Mentee), cancellationToken);
        return await referral is { } r
            ? RetainedReferral.Of(
                r.Value, (await matches).Select(x => x.Value), (await checkIns).Select(x => x.Value), (await feedback).Select(x => x.Value), (await concerns).Select(x => x.Value),
                (await outcomes).Select(x => x.Value), (await mentee)?.Value.PostcodeDistrict)
            : null;
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static bool Same(RetainedReferral a, RetainedReferral b) =>
        string.Equals(JsonSerializer.Serialize(a, Json), JsonSerializer.Serialize(b, Json), StringComparison.Ordinal);

    /// <summary>Tells <see cref="ReportMonths"/> of a write to one of the tables a referral's figures come from.</summary>
    public sealed class Kept<T>(Func<ReportMonths> months, Func<T, string> referralId) : IRecordProjection<T>
    {
        public Task WrittenAsync(T value, CancellationToken cancellationToken) => months().SyncAsync(referralId(value), cancellationToken);

        public Task DeletedAsync(T value, CancellationToken cancellationToken) => months().SyncAsync(referralId(value), cancellationToken);
    }
}

/// <summary>A referral's figures as the monthly report counts them, and the version they were filed at.</summary>
public sealed record ReportFigures(RetainedReferral Figures, long Version);
