using PeerFlow.Domain.Calendar;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Timetable;

namespace PeerFlow.Orchestrations;

/// <summary>
/// The times and numbers one referral's workflow runs on, fixed from its scheme's policy version when it starts.
/// Working days are turned into dates by an activity, so the orchestrator only compares times; every other time is
/// asked of <see cref="ReferralTimetable"/> with these numbers.
/// </summary>
public sealed record LifecyclePlan : ITimingRules
{
    public required string SchemeId { get; init; }

    public int PolicyVersion { get; init; }

    /// <summary>The scheme's bank-holiday calendar: notices people act on fall on its working days.</summary>
    public UkRegion Calendar { get; init; }

    public bool Urgent { get; init; }

    public DateTime ReceivedAt { get; init; }

    /// <summary>Null when the deadline is too close for a reminder to help (urgent referrals are alerted at once instead).</summary>
    public DateTime? AssessmentReminderAt { get; init; }

    public DateTime AssessmentDueAt { get; init; }

    public DateTime AssessmentEscalationAt { get; init; }

    public int MatchWaitEscalationDays { get; init; }

    public int MatchResponseDays { get; init; }

    public int MatchResponseReminderDaysBefore { get; init; }

    public int FirstMeetingDays { get; init; }

    public int CheckInCadenceDays { get; init; }

    public int CheckInReminderDaysBefore { get; init; }

    public int CheckInOverdueDaysAfter { get; init; }

    public int MatchReviewDays { get; init; }

    public int FeedbackWindowDays { get; init; }

    public int FeedbackReminderDays { get; init; }

    /// <summary>
    /// Set on plans fixed since issue 16: a proposal's reminder is at 09:00 London on a working day
    /// (<see cref="ReferralTimetable.Proposal"/>). Plans carried by older instances lack it and keep the first rule,
    /// so their recorded timers replay unchanged (docs/workflow-versions.md).
    /// </summary>
    public bool ProposalReminderOnNoticeGrid { get; init; }
}

/// <summary>Where a referral's workflow is, carried from one generation to the next by ContinueAsNew.</summary>
public sealed record LifecycleState
{
    public required string ReferralId { get; init; }

    /// <summary>Counts ContinueAsNew: part of every activity's idempotency key.</summary>
    public int Generation { get; init; }

    public LifecyclePlan? Plan { get; init; }

    public ReferralStage Stage { get; init; } = ReferralStage.Assessment;

    /// <summary>When the current stage began; its deadlines count from here.</summary>
    public DateTime StageStartedAt { get; init; }

    /// <summary>Reminders and alerts already sent in the current stage or check-in cycle, so none is sent twice.</summary>
    public IReadOnlyList<string> Sent { get; init; } = [];

    public string? MatchId { get; init; }

    public DateTime? MatchedAt { get; init; }

    public DateTime? LastCheckInAt { get; init; }

    public bool FirstMeetingDone { get; init; }

    public bool ReviewSent { get; init; }

    public DateOnly? RecontactOn { get; init; }

    /// <summary>Restarted from the records after its acknowledgement went: the intake notices are not sent again.</summary>
    public bool Acknowledged { get; init; }

    /// <summary>Restarted from the records with a proposal open: when it was made, so it is not proposed again.</summary>
    public DateTime? ProposedAt { get; init; }
}
