using PeerFlow.Domain.Calendar;
using PeerFlow.Domain.Timetable;

namespace PeerFlow.Domain.Schemes;

/// <summary>
/// Every number a scheme's workflow runs on. Versioned: a referral keeps the version it started with, so a changed
/// policy applies to new referrals only, unless a referral is migrated on purpose.
/// </summary>
public sealed record SchemePolicy : ITimingRules
{
    public UkRegion Calendar { get; init; } = UkRegion.EnglandAndWales;

    /// <summary>Initial contact and assessment are due this many working days after the referral arrives.</summary>
    public int AssessmentDeadlineWorkingDays { get; init; } = 10;

    public int UrgentAssessmentDeadlineWorkingDays { get; init; } = 2;

    public int AssessmentReminderWorkingDaysBefore { get; init; } = 2;

    /// <summary>After the deadline has passed by this many working days, the manager is told.</summary>
    public int AssessmentEscalationWorkingDaysAfter { get; init; } = 3;

    /// <summary>A suitable referral still waiting for an accepted match after this many days is escalated.</summary>
    public int MatchWaitEscalationDays { get; init; } = 28;

    /// <summary>How long a mentor has to accept or decline a proposed match.</summary>
    public int MatchResponseDays { get; init; } = 5;

    public int MatchResponseReminderDaysBefore { get; init; } = 2;

    public int FirstMeetingDays { get; init; } = 14;

    public int CheckInCadenceDays { get; init; } = 28;

    public int CheckInReminderDaysBefore { get; init; } = 3;

    public int CheckInOverdueDaysAfter { get; init; } = 7;

    public int MatchReviewDays { get; init; } = 90;

    /// <summary>
    /// A mentor supporting a family is due supervision this many days after the last one logged; 0 means the scheme
    /// does not track supervision. Six weeks by default, the "regular opportunities" the seeds describe.
    /// </summary>
    public int SupervisionCadenceDays { get; init; } = 42;

    public int FeedbackWindowDays { get; init; } = 14;

    public int FeedbackReminderDays { get; init; } = 7;

    public int MentorCapacity { get; init; } = 2;

    /// <summary>
    /// Groups of postcode areas that count as local to each other for families who meet in person (for example
    /// ["EX", "TQ", "PL"] across Devon): a mentor in any area of the family's group passes the area filter. None: only
    /// the family's own area.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> NeighbouringAreas { get; init; } = [];

    /// <summary>
    /// How many new referrals in an hour the coordinator hears of one email each; past that, a flood (or an attack on
    /// the public form) is told as one email and a count on the dashboard, and each referral waits for the 09:00 digest.
    /// Urgent referrals are always told at once.
    /// </summary>
    public int CoordinatorAlertsPerHour { get; init; } = 10;

    public MatchingWeightsPolicy Weights { get; init; } = new();

    /// <summary>
    /// After a declined or unanswered proposal, propose the next best mentor without asking anyone. Off by default:
    /// the seeds describe matching as a decision of the referral meeting, so the referral goes back to the coordinator.
    /// </summary>
    public bool AutoReproposal { get; init; }

    /// <summary>
    /// The moments a referrer who has the person's consent is told how the referral goes. All three unless the scheme
    /// says otherwise; none: referrers hear only the acknowledgement.
    /// </summary>
    public IReadOnlyList<ReferrerUpdate> ReferrerUpdates { get; init; } = [ReferrerUpdate.Assessed, ReferrerUpdate.Matched, ReferrerUpdate.Closed];
}

/// <summary>A moment a referrer can be told about: assessed as suitable, matched with a mentor, closed.</summary>
public enum ReferrerUpdate
{
    Assessed,
    Matched,
    Closed,
}

/// <summary>How much each kind of fit counts in a mentor's score.</summary>
public sealed record MatchingWeightsPolicy
{
    public double Experience { get; init; } = 3;

    public double Interests { get; init; } = 2;

    public double LearningStyle { get; init; } = 1;

    public double Language { get; init; } = 1;

    public double Locality { get; init; } = 2;

    public double LoadBalance { get; init; } = 1;
}
