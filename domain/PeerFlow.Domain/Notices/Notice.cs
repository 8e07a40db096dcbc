namespace PeerFlow.Domain.Notices;

/// <summary>
/// Every message the lifecycle sends; delivery turns one into emails and texts to the right people and a timeline
/// line. What each is called where (its kind, its timeline line, its digest line) is in <see cref="NoticeCatalog"/>.
/// </summary>
/// <remarks>
/// Workflow histories carry these as numbers (the engine's JSON) and the outbox stores their names as codes: members
/// are only ever added at the end, never renamed, reordered or removed.
/// </remarks>
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

/// <summary>A notice that is due: the lifecycle's Notify activity's input, and what delivery composes messages from.</summary>
public sealed record NoticeRequest(string ReferralId, Notice Notice, string? MatchId = null, DateTime? DueAt = null)
{
    /// <summary>Built by the orchestrator from instance, generation and step: no email is sent twice for one key.</summary>
    public string Key { get; init; } = "";

    /// <summary>The workflow's time when it decided the notice was due; absent in calls recorded by older releases.</summary>
    public DateTime? DecidedAt { get; init; }
}
