using PeerFlow.Domain.Calendar;

namespace PeerFlow.Domain.Timetable;

/// <summary>
/// The numbers a referral's timetable is counted in once its assessment is planned: a scheme's policy, or the copy a
/// workflow fixed from the policy version it started with (so a changed policy does not move a running referral).
/// </summary>
public interface ITimingRules
{
    /// <summary>The bank-holiday calendar whose working days notices fall on.</summary>
    UkRegion Calendar { get; }

    int MatchWaitEscalationDays { get; }

    int MatchResponseDays { get; }

    int MatchResponseReminderDaysBefore { get; }

    int FirstMeetingDays { get; }

    int CheckInCadenceDays { get; }

    int CheckInReminderDaysBefore { get; }

    int CheckInOverdueDaysAfter { get; }

    int MatchReviewDays { get; }

    int FeedbackWindowDays { get; }

    int FeedbackReminderDays { get; }
}
