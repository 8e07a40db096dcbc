using System.Globalization;
using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;

namespace PeerFlow.LocalHost.Dev;

/// <summary>
/// Writes <see cref="DemoHistory"/>'s closed referrals straight to the records, with the keys the app's own writes
/// use, and starts no workflow: they are over. This runs at every fresh <c>./peerflow run</c>, so rows are written in
/// parallel while the references are claimed; each referral row goes last, so no listed referral is half-written.
/// </summary>
public sealed class DemoHistoryWriter(PeerFlowStore store)
{
    private static readonly ParallelOptions Parallelism = new() { MaxDegreeOfParallelism = 16 };

    public async Task WriteAsync(IReadOnlyList<HistoricCase> cases, IReadOnlyList<Scheme> schemes, CancellationToken cancellationToken)
    {
        var rows = Parallel.ForEachAsync(cases, Parallelism, (c, _) => new ValueTask(RowsAsync(c, cancellationToken)));

        // References from the same sequences as intake's, claimed in order of arrival, so later referrals follow on.
        var prefixes = schemes.ToDictionary(s => s.Id, ReferralIntake.ReferencePrefix);
        var numbered = new List<HistoricCase>();
        foreach (var c in cases.OrderBy(c => c.Referral.ReceivedAt))
        {
            var year = c.Referral.ReceivedAt.Year;
            var number = await store.NextNumberAsync("ref-" + c.Referral.SchemeId, year.ToString(CultureInfo.InvariantCulture), cancellationToken);
            numbered.Add(c with { Referral = c.Referral with { Reference = string.Create(CultureInfo.InvariantCulture, $"{prefixes[c.Referral.SchemeId]}-{year}-{number:D4}") } });
        }

        await rows;
        await Parallel.ForEachAsync(numbered, Parallelism, (c, _) =>
            new ValueTask(store.Referrals.UpsertAsync(c.Referral.Id, "", c.Referral, MatchProposals.ReferralColumns(c.Referral), cancellationToken)));
    }

    /// <summary>Everything of the referral's but its own row.</summary>
    private async Task RowsAsync(HistoricCase c, CancellationToken cancellationToken)
    {
        var id = c.Referral.Id;
        var rows = new List<Task>();
        rows.AddRange(c.People.Select(p => store.People.UpsertAsync(id, p.Role.ToString(), p, null, cancellationToken)));
        // Findable by name like any referral that came through intake.
        rows.AddRange(c.People.Where(p => p.Role == PeerFlow.Domain.Records.PersonRole.Mentee).Select(p => store.PeopleIndex.AddAsync(c.Referral.SchemeId, p, cancellationToken)));
        rows.AddRange(c.Matches.Select(m => store.Matches.UpsertAsync(id, m.Id, m, MatchProposals.Columns(m), cancellationToken)));
        rows.AddRange(c.CheckIns.Select(ci => store.CheckIns.UpsertAsync(id, PeerFlowStore.NewestFirstKey(ci.At), ci, null, cancellationToken)));
        rows.AddRange(c.Feedback.Select(f => store.Feedback.UpsertAsync(id, f.From, f, null, cancellationToken)));
        rows.AddRange(c.Outcomes.Select(o => store.OutcomeAnswers.UpsertAsync(id, o.Moment, o, null, cancellationToken)));
        rows.AddRange(c.Concerns.Select(s => store.Concerns.UpsertAsync(id, PeerFlowStore.Key(s.At), s, null, cancellationToken)));
        rows.AddRange(c.Timeline.Select(t => store.Timeline.UpsertAsync(id, PeerFlowStore.Key(t.At) + "-" + t.Kind, t, null, cancellationToken)));
        // Into the retention schedule, as a closure through the workflow puts it.
        if (c.Referral.ClosedAt is { } closedAt)
        {
            rows.Add(ClosureMonths.RecordAsync(store, id, c.Referral.SchemeId, closedAt, cancellationToken));
        }

        await Task.WhenAll(rows);
    }
}
