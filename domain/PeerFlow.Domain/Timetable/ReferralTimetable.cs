using PeerFlow.Domain.Calendar;
using PeerFlow.Domain.Schemes;

namespace PeerFlow.Domain.Timetable;

/// <summary>
/// Every timing rule of a referral in one place, without a clock or an engine: given the policy's numbers, the
/// scheme's calendar and when things happened, what falls due and when. The workflow asks here and only compares
/// the answers with its own time; the answers must stay the same for the same inputs, because waiting instances
/// replay their timers (docs/workflow-versions.md).
/// </summary>
/// <remarks>
/// Notices people act on are on the notice grid (<see cref="NoticeTimes"/>: 09:00 London on a working day);
/// assessment deadlines and escalations at the end of a working day (<see cref="WorkingDays.DeadlineUtc"/>).
/// Deadlines nobody is reminded of at a set hour run whole days from the moment they started: a proposal's answer
/// window and the feedback window. A proposal's reminder followed its window too until issue 16; instances that
/// started before keep that rule (<see cref="ProposalAsFirstReleased"/>), see docs/workflow-versions.md.
/// </remarks>
public static class ReferralTimetable
{
    /// <summary>
    /// An assessment counted in working days from when the referral arrived or came back from deferral: the reminder
    /// at 09:00 London, the deadline and the escalation at the end of the working day (17:00 London).
    /// </summary>
    public static AssessmentTimes Assessment(DateTime startUtc, bool urgent, SchemePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var days = urgent ? policy.UrgentAssessmentDeadlineWorkingDays : policy.AssessmentDeadlineWorkingDays;
        return new AssessmentTimes(
            days > policy.AssessmentReminderWorkingDaysBefore
                ? WorkingDays.DeadlineUtc(startUtc, days - policy.AssessmentReminderWorkingDaysBefore, policy.Calendar, NoticeTimes.At)
                : null,
            WorkingDays.DeadlineUtc(startUtc, days, policy.Calendar),
            WorkingDays.DeadlineUtc(startUtc, days + policy.AssessmentEscalationWorkingDaysAfter, policy.Calendar));
    }

    /// <summary>When a deferred referral is due for re-contact: 09:00 London on that date, or the next working day.</summary>
    public static DateTime Recontact(DateOnly on, UkRegion calendar) => NoticeTimes.On(on, calendar);

    /// <summary>The re-contact date when the assessor gave none: three months on (by the UTC date, as it always was).</summary>
    public static DateOnly DefaultRecontactOn(DateTime deferredAtUtc) => DateOnly.FromDateTime(deferredAtUtc.AddMonths(3));

    /// <summary>The manager hears of a referral still without an accepted match this many days after matching began.</summary>
    public static DateTime MatchWaitEscalation(DateTime matchingStartedUtc, ITimingRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return NoticeTimes.DaysAfter(matchingStartedUtc, rules.MatchWaitEscalationDays, rules.Calendar);
    }

    /// <summary>
    /// A proposal lapses whole days after it was made, to the minute (the mentor's email gives that time). The mentor is
    /// reminded at 09:00 London the policy's days before the London date it lapses, on that working day or the one
    /// before, so the reminder never comes at night, at a weekend or on a bank holiday, and never after the lapse.
    /// </summary>
    public static ProposalTimes Proposal(DateTime proposedAtUtc, ITimingRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var expiresAt = proposedAtUtc.AddDays(rules.MatchResponseDays);
        var day = NoticeTimes.LondonDate(expiresAt).AddDays(-rules.MatchResponseReminderDaysBefore);
        var reminderAt = NoticeTimes.OnOrBefore(day, rules.Calendar);
        while (reminderAt >= expiresAt)
        {
            // No days before (a policy of 0) and a lapse before 09:00: the working morning before it.
            day = day.AddDays(-1);
            reminderAt = NoticeTimes.OnOrBefore(day, rules.Calendar);
        }

        return new ProposalTimes(reminderAt, expiresAt);
    }

    /// <summary>
    /// The proposal rule of the first releases, kept for referrals whose plan was fixed before issue 16: the reminder
    /// whole days before the lapse, to the minute, whatever the hour or the day.
    /// </summary>
    public static ProposalTimes ProposalAsFirstReleased(DateTime proposedAtUtc, ITimingRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var expiresAt = proposedAtUtc.AddDays(rules.MatchResponseDays);
        return new ProposalTimes(expiresAt.AddDays(-rules.MatchResponseReminderDaysBefore), expiresAt);
    }

    /// <summary>
    /// The check-in cycle that starts at the last check-in (or the match): due the cadence's days after its London
    /// date, reminded before and overdue after, each at 09:00 London on a working day, never at the time of day the
    /// last check-in happened to be logged.
    /// </summary>
    public static CheckInTimes CheckIn(DateTime lastCheckInUtc, ITimingRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var dueDay = NoticeTimes.LondonDate(lastCheckInUtc).AddDays(rules.CheckInCadenceDays);
        return new CheckInTimes(
            NoticeTimes.On(dueDay, rules.Calendar),
            NoticeTimes.On(dueDay.AddDays(-rules.CheckInReminderDaysBefore), rules.Calendar),
            NoticeTimes.On(dueDay.AddDays(rules.CheckInOverdueDaysAfter), rules.Calendar));
    }

    /// <summary>The first meeting is due by, and the match reviewed, the policy's days after the match was accepted.</summary>
    public static SupportTimes Support(DateTime matchedAtUtc, ITimingRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return new SupportTimes(
            NoticeTimes.DaysAfter(matchedAtUtc, rules.FirstMeetingDays, rules.Calendar),
            NoticeTimes.DaysAfter(matchedAtUtc, rules.MatchReviewDays, rules.Calendar));
    }

    /// <summary>
    /// Feedback after closure: the reminder on the notice grid, the window ending whole days after closure began
    /// (nobody acts on its end, so it is not moved to a working morning).
    /// </summary>
    public static FeedbackTimes Feedback(DateTime closingStartedUtc, ITimingRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return new FeedbackTimes(
            NoticeTimes.DaysAfter(closingStartedUtc, rules.FeedbackReminderDays, rules.Calendar),
            closingStartedUtc.AddDays(rules.FeedbackWindowDays));
    }
}
