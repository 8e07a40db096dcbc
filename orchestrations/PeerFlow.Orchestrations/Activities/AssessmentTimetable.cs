using PeerFlow.Domain.Calendar;
using PeerFlow.Domain.Schemes;

namespace PeerFlow.Orchestrations.Activities;

/// <summary>
/// The one rule for an assessment's times, counted in working days of the scheme's calendar from when the referral
/// arrived or came back from deferral: the reminder at 09:00 London, the deadline and the escalation at the end of
/// the working day (17:00 London).
/// </summary>
internal static class AssessmentTimetable
{
    public static AssessmentTimes From(DateTime startUtc, bool urgent, SchemePolicy policy)
    {
        var days = urgent ? policy.UrgentAssessmentDeadlineWorkingDays : policy.AssessmentDeadlineWorkingDays;
        return new AssessmentTimes(
            days > policy.AssessmentReminderWorkingDaysBefore
                ? WorkingDays.DeadlineUtc(startUtc, days - policy.AssessmentReminderWorkingDaysBefore, policy.Calendar, NoticeTimes.At)
                : null,
            WorkingDays.DeadlineUtc(startUtc, days, policy.Calendar),
            WorkingDays.DeadlineUtc(startUtc, days + policy.AssessmentEscalationWorkingDaysAfter, policy.Calendar));
    }
}
