using PeerFlow.Domain.Notices;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Storage;
using PeerFlow.Orchestrations.Delivery;

namespace PeerFlow.Orchestrations.Starts;

/// <summary>
/// A referral's workflow state rebuilt from its records, at its current stage: the records are the truth and the
/// workflow only the clock. Due times are recomputed by the workflow from the records; what the outbox shows as sent
/// in the stage is not sent again; what fell due while no workflow ran goes now.
/// </summary>
public static class RestartState
{
    /// <summary>
    /// Generations of a restart start this far apart: the old workflow's keys (outbox rows, signals taken) are
    /// never met again. No referral changes generation anywhere near a million times.
    /// </summary>
    public const int GenerationsPerRestart = 1_000_000;

    /// <summary>A first start: nothing was ever sent, so the workflow starts as intake starts it.</summary>
    public static bool IsFirst(Referral referral, IReadOnlyList<NoticeRecord> notices) =>
        referral.Stage == ReferralStage.Assessment && referral.WorkflowRestarts == 0 && notices.Count == 0;

    public static async Task<LifecycleState> FromRecordsAsync(PeerFlowStore store, NoticeOutbox outbox, Referral referral, CancellationToken cancellationToken)
    {
        var notices = await outbox.ForReferralAsync(referral.Id, cancellationToken);
        if (IsFirst(referral, notices))
        {
            return new LifecycleState { ReferralId = referral.Id };
        }

        var restarted = await store.Referrals.UpdateAsync(
            referral.Id, "", r => r with { WorkflowRestarts = r.WorkflowRestarts + 1 }, Domain.Referrals.MatchProposals.ReferralColumns, cancellationToken) ?? referral;
        var since = StageStart(restarted);
        var proposal = restarted.Stage == ReferralStage.Matching && restarted.CurrentMatchId is { } open
            ? (await store.Matches.GetAsync(referral.Id, open, cancellationToken))?.Value
            : null;
        var sent = notices.Where(n => n.QueuedAt >= since && Enum.TryParse<Notice>(n.Code, out _))
            .Select(n => Enum.Parse<Notice>(n.Code).Kind()).Distinct(StringComparer.Ordinal).ToList();
        return new LifecycleState
        {
            ReferralId = restarted.Id,
            Generation = restarted.WorkflowRestarts * GenerationsPerRestart,
            Stage = restarted.Stage,
            StageStartedAt = since,
            Sent = sent,
            Acknowledged = notices.Any(n => n.Code == nameof(Notice.ReferralReceived)),
            MatchId = restarted.Stage is ReferralStage.Matching ? (proposal is { Status: MatchStatus.Proposed } ? proposal.Id : null) : restarted.CurrentMatchId,
            ProposedAt = proposal is { Status: MatchStatus.Proposed } ? proposal.ProposedAt : null,
            MatchedAt = restarted.MatchedAt,
            LastCheckInAt = restarted.LastCheckInAt ?? restarted.MatchedAt,
            FirstMeetingDone = restarted.FirstMeetingAt is not null,
            ReviewSent = restarted.MatchedAt is { } matched && notices.Any(n => n.Code == nameof(Notice.MatchReview) && n.QueuedAt >= matched),
            // Back from deferral, the assessment gets a timetable of its own again.
            RecontactOn = restarted.Stage == ReferralStage.Deferred || (restarted.Stage == ReferralStage.Assessment && restarted.Outcome == AssessmentOutcome.Deferred)
                ? restarted.RecontactOn ?? DateOnly.FromDateTime(restarted.AssessedAt ?? restarted.ReceivedAt)
                : null,
        };
    }

    /// <summary>When the referral's current stage (or check-in cycle) began, as far as the records tell.</summary>
    private static DateTime StageStart(Referral referral) => referral.Stage switch
    {
        ReferralStage.Assessment => referral.Outcome == AssessmentOutcome.Deferred ? referral.AssessedAt ?? referral.ReceivedAt : referral.ReceivedAt,
        ReferralStage.Deferred or ReferralStage.Matching => referral.AssessedAt ?? referral.ReceivedAt,
        _ => referral.LastCheckInAt ?? referral.MatchedAt ?? referral.AssessedAt ?? referral.ReceivedAt,
    };
}
