using System.Globalization;
using Azure.Data.Tables;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;
using PeerFlow.Orchestrations.Activities;
using PeerFlow.Web.Api;

namespace PeerFlow.Web.Actions;

/// <summary>
/// The retention run: every closed referral whose scheme's period (<see cref="RetentionPeriods"/>) has passed since
/// its closure is erased by <see cref="Erasure.EraseReferralAsync"/>, the code that erases on request, after its
/// anonymous figures (<see cref="RetainedReferral"/>) are kept for the monthly reports. Audited as "retention".
/// </summary>
/// <remarks>
/// Reads only the closure-month partitions of <see cref="PeerFlowStore.Closures"/> old enough to hold something due
/// (the shortest period of any scheme), a page at a time. Restartable at any point: the figures are written once
/// (the first write wins, before anything is erased, so a retry never replaces them with what a half-finished erasure
/// left), the erasure repeats safely, the audit line has a fixed key, and the referral's row in the schedule goes
/// last of all, so a run cut short is finished by the next and nothing is missed or audited twice.
/// </remarks>
public sealed class Retention(ApiServices services, Erasure erasure) : IRetentionRun
{
    /// <summary>Rows read from storage at a time.</summary>
    public const int PageSize = 100;

    /// <summary>The audit line's row key: one per referral, however often the run repeats.</summary>
    public const string AuditKey = "retention";

    // Not a month, and sorts after every "yyyy-MM": no range of months reads it.
    private const string MarkerPartition = "~backfilled";

    public async Task<RetentionOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var store = services.Store;
        var now = services.Now;
        await BackfillOnceAsync(cancellationToken);
        var schemes = (await services.Schemes.ListAsync(cancellationToken)).ToDictionary(s => s.Id, s => s.Retention ?? new RetentionPeriods(), StringComparer.Ordinal);
        var shortest = schemes.Values.Select(r => r.ClosedYears).DefaultIfEmpty(RetentionPeriods.DefaultClosedYears).Min();
        shortest = Math.Min(shortest, RetentionPeriods.DefaultClosedYears); // a scheme no longer configured keeps the defaults
        var lastMonth = ClosureMonths.Partition(now.AddYears(-shortest));

        int erased = 0, waiting = 0, notStopped = 0;
        await foreach (var page in store.Closures.QueryPagesAsync($"PartitionKey le {lastMonth}", PageSize, cancellationToken))
        {
            foreach (var row in page)
            {
                switch (await ApplyAsync(row.PartitionKey, row.RowKey, schemes, now, cancellationToken))
                {
                    case Applied.Erased: erased++; break;
                    case Applied.Waiting: waiting++; break;
                    case Applied.NotStopped: notStopped++; break;
                }
            }
        }

        return new RetentionOutcome(erased, waiting, notStopped);
    }

    private async Task<Applied> ApplyAsync(string month, string referralId, Dictionary<string, RetentionPeriods> schemes, DateTime now, CancellationToken cancellationToken)
    {
        var store = services.Store;
        var referral = (await store.Referrals.GetAsync(referralId, "", cancellationToken))?.Value;
        if (referral?.ClosedAt is not { } closedAt)
        {
            // Erased already (on request, or by a run cut short after the referral went): only its place here is left.
            // A referral that is not closed (its row written by a retried closure that never finished) waits.
            if (referral is not null)
            {
                return Applied.Waiting;
            }

            await store.Closures.DeleteAsync(month, referralId, cancellationToken);
            return Applied.Gone;
        }

        var periods = schemes.GetValueOrDefault(referral.SchemeId) ?? new RetentionPeriods();
        var concerns = (await store.Concerns.QueryAsync($"PartitionKey eq {referralId}", cancellationToken)).Select(c => c.Value).ToList();
        var safeguarding = referral.SafeguardingConcerns > 0 || concerns.Count > 0;
        var years = safeguarding ? periods.SafeguardingYears : periods.ClosedYears;
        if (periods.DueAt(closedAt, safeguarding) > now)
        {
            return Applied.Waiting;
        }

        var figures = RetainedReferral.Of(
            referral,
            (await store.Matches.PartitionAsync(referralId, cancellationToken)).Select(m => m.Value),
            (await store.CheckIns.PartitionAsync(referralId, cancellationToken)).Select(c => c.Value),
            (await store.Feedback.PartitionAsync(referralId, cancellationToken)).Select(f => f.Value),
            concerns,
            (await store.OutcomeAnswers.PartitionAsync(referralId, cancellationToken)).Select(o => o.Value)) with
        {
            // The area alone: the figures outlive the person's details, and a district with the dates could narrow to a family.
            PostcodeDistrict = Postcodes.Area((await store.People.GetAsync(referralId, nameof(PersonRole.Mentee), cancellationToken))?.Value.PostcodeDistrict ?? referral.Profile?.PostcodeDistrict),
        };
        await store.RetainedFigures.TryInsertAsync(referral.SchemeId, referralId, figures, null, cancellationToken);

        var action = string.Create(CultureInfo.InvariantCulture, $"erased the referral under the retention schedule: closed {ClosureMonths.Partition(closedAt)}, kept {years} years{(safeguarding ? " (safeguarding)" : "")}");
        var done = await erasure.EraseReferralAsync(
            referral,
            () => store.Audit.TryInsertAsync(referralId, AuditKey, new AuditEntry(referralId, now, SignIn.ClientPrincipal.RetentionActor, action), null, cancellationToken),
            cancellationToken);
        return done ? Applied.Erased : Applied.NotStopped;
    }

    /// <summary>
    /// Puts every referral closed before the schedule existed (an upgraded deployment, or records written straight to
    /// the store) into it, once per store: a scan of the referrals, then a marker row. Upserts, so a repeat is harmless.
    /// </summary>
    private async Task BackfillOnceAsync(CancellationToken cancellationToken)
    {
        var store = services.Store;
        if (await store.Closures.GetAsync(MarkerPartition, "", cancellationToken) is not null)
        {
            return;
        }

        await foreach (var page in store.Referrals.QueryPagesAsync(null, PageSize, cancellationToken))
        {
            foreach (var referral in page.Select(r => r.Value))
            {
                if (referral.ClosedAt is { } closedAt)
                {
                    await ClosureMonths.RecordAsync(store, referral.Id, referral.SchemeId, closedAt, cancellationToken);
                }
            }
        }

        await store.Closures.UpsertAsync(MarkerPartition, "", new ClosedReferral("", "", services.Now), null, cancellationToken);
    }


    private enum Applied
    {
        Erased,
        Waiting,
        NotStopped,
        Gone,
    }
}
