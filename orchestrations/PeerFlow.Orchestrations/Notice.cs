namespace PeerFlow.Orchestrations;

/// <summary>Every message the lifecycle sends; an activity turns one into emails to the right people and a timeline line.</summary>
public enum Notice
{
    ReferralReceived,
    UrgentReferral,
    AssessmentReminder,
    AssessmentOverdue,
    AssessmentEscalation,
    RecontactDue,
    MatchProposed,
    MatchReminder,
    MatchUnanswered,
    MatchDeclined,
    NoCandidates,
    MatchWaitEscalation,
    MatchConfirmed,
    FirstMeetingOverdue,
    CheckInReminder,
    CheckInOverdue,
    MatchReview,
    SafeguardingAlert,
    FeedbackRequest,
    FeedbackReminder,
    Closed,
    RedCheckIn,

    // Queued by the stage changes themselves (SetStage), not by the lifecycle's own calls, once per referral each.
    ReferrerAssessed,
    ReferrerMatched,
    ReferrerClosed,

    // Queued by the mentee's link (MenteeVoice), not by the lifecycle.
    MenteeWorry,
    MenteeAsksForChange,
}

public sealed record NoticeRequest(string ReferralId, Notice Notice, string? MatchId = null, DateTime? DueAt = null)
{
    /// <summary>Built by the orchestrator from instance, generation and step: no email is sent twice for one key.</summary>
    public string Key { get; init; } = "";

    /// <summary>The workflow's time when it decided the notice was due; absent in calls recorded by older releases.</summary>
    public DateTime? DecidedAt { get; init; }
}

public static class NoticeUrgency
{
    /// <summary>Notices that must reach a person now: never held behind an earlier notice of the referral that is failing.</summary>
    public static bool IsUrgent(this Notice notice) =>
        notice is Notice.SafeguardingAlert or Notice.UrgentReferral or Notice.RedCheckIn or Notice.AssessmentEscalation or Notice.MatchWaitEscalation;
}
