using PeerFlow.Domain.Calendar;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Timetable;

namespace PeerFlow.Domain.Tests.Timetable;

/// <summary>
/// The timetable with the default policy, dates worked out by hand. Easter 2027 (Good Friday 26 March, Easter Monday
/// 29 March) straddles the clock change (Sunday 28 March: 09:00 London is 09:00 UTC before, 08:00 UTC after).
/// </summary>
public sealed class ReferralTimetableTests
{
    private static readonly SchemePolicy Policy = new();

    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public void Assessment_CountsWorkingDaysPastEaster_AndItsTimesMoveWithTheClocks()
    {
        // Received Wed 24 March 2027. Thu 25 = 1; Good Friday, the weekend and Easter Monday don't count; Tue 30 = 2,
        // Wed 31 = 3, Thu 1 Apr = 4, Fri 2 = 5, Mon 5 = 6, Tue 6 = 7, Wed 7 = 8 (reminder), Thu 8 = 9, Fri 9 = 10
        // (deadline), Mon 12 = 11, Tue 13 = 12, Wed 14 = 13 (escalation). All in British Summer Time.
        var times = ReferralTimetable.Assessment(Utc(2027, 3, 24, 14, 30), urgent: false, Policy);

        Assert.Equal(Utc(2027, 4, 7, 8), times.ReminderAt);
        Assert.Equal(Utc(2027, 4, 9, 16), times.DueAt);
        Assert.Equal(Utc(2027, 4, 14, 16), times.EscalationAt);
    }

    [Fact]
    public void UrgentAssessment_HasNoReminder_WhenTheDeadlineIsNoFurtherThanTheReminderOffset()
    {
        // From Wed 24 March 2027: Thu 25 = 1, Tue 30 = 2 (deadline), Wed 31 = 3, Thu 1 April = 4, Fri 2 = 5 (escalation).
        var times = ReferralTimetable.Assessment(Utc(2027, 3, 24, 14, 30), urgent: true, Policy);

        Assert.Null(times.ReminderAt);
        Assert.Equal(Utc(2027, 3, 30, 16), times.DueAt);
        Assert.Equal(Utc(2027, 4, 2, 16), times.EscalationAt);
    }

    [Fact]
    public void CheckIn_DueOnBoxingDaysSubstitute_MovesToTheNextWorkingMorning()
    {
        // Last check-in Mon 30 Nov 2026 at 15:00; 28 days on is Mon 28 Dec, the Boxing Day substitute: due Tue 29.
        // The reminder, 3 days before (Christmas Day), also waits for Tue 29; overdue 7 days after the due day: Mon 4 Jan.
        var times = ReferralTimetable.CheckIn(Utc(2026, 11, 30, 15), Policy);

        Assert.Equal(Utc(2026, 12, 29, 9), times.DueAt);
        Assert.Equal(Utc(2026, 12, 29, 9), times.ReminderAt);
        Assert.Equal(Utc(2027, 1, 4, 9), times.OverdueAt);
    }

    [Fact]
    public void CheckIn_CountsFromTheLondonDate_NotTheUtcDate_AndIsAtNineLondonInSummerTime()
    {
        // 23:30 UTC on Wed 30 June 2027 is 00:30 on Thu 1 July in London: due Thu 29 July, reminded Mon 26, overdue Thu 5 Aug.
        var times = ReferralTimetable.CheckIn(Utc(2027, 6, 30, 23, 30), Policy);

        Assert.Equal(Utc(2027, 7, 29, 8), times.DueAt);
        Assert.Equal(Utc(2027, 7, 26, 8), times.ReminderAt);
        Assert.Equal(Utc(2027, 8, 5, 8), times.OverdueAt);
    }

    [Fact]
    public void MatchWait_EscalatesAfterItsDays_OnTheFirstWorkingMorningAfterEaster()
    {
        // Matching began Mon 1 March 2027 (GMT); 28 days on is Easter Monday, so Tue 30 March at 09:00 BST.
        Assert.Equal(Utc(2027, 3, 30, 8), ReferralTimetable.MatchWaitEscalation(Utc(2027, 3, 1, 16), Policy));
    }

    [Fact]
    public void Proposal_LapsesWholeDaysAfterItWasMade_AndTheReminderIsAtNineLondon()
    {
        // Proposed Mon 2 Nov 2026 at 15:40: it lapses Sat 7 Nov at 15:40; the reminder goes two days before that
        // date, Thu 5 Nov, at 09:00 London (GMT).
        var times = ReferralTimetable.Proposal(Utc(2026, 11, 2, 15, 40), Policy);

        Assert.Equal(Utc(2026, 11, 7, 15, 40), times.ExpiresAt);
        Assert.Equal(Utc(2026, 11, 5, 9), times.ReminderAt);
    }

    [Fact]
    public void ProposalReminder_DueOnAWeekendOrBankHoliday_ComesTheWorkingMorningBefore_NeverAfterTheLapse()
    {
        // Proposed Tue 23 March 2027 at 12:00 UTC: it lapses Sun 28 March at 12:00 UTC; two days before is Good Friday,
        // so the reminder comes on Thu 25 March at 09:00 GMT.
        Assert.Equal(Utc(2027, 3, 25, 9), ReferralTimetable.Proposal(Utc(2027, 3, 23, 12), Policy).ReminderAt);

        // No days before and a lapse at 07:30 BST on Mon 5 April 2027: 09:00 that day would be after it, and the
        // weekend has no working mornings, so the reminder comes on Fri 2 April at 09:00 BST.
        var noNotice = Policy with { MatchResponseReminderDaysBefore = 0 };
        var times = ReferralTimetable.Proposal(Utc(2027, 3, 31, 6, 30), noNotice);
        Assert.Equal(Utc(2027, 4, 5, 6, 30), times.ExpiresAt);
        Assert.Equal(Utc(2027, 4, 2, 8), times.ReminderAt);
    }

    [Fact]
    public void ProposalAsFirstReleased_KeepsTheOldRule_ForInstancesThatWaitOnIt()
    {
        // Proposed Tue 3 Nov 2026 10:00: it lapses Sun 8 Nov 10:00 and the reminder is two days before to the minute,
        // Fri 6 Nov 10:00, as the timers recorded before issue 16 say.
        var times = ReferralTimetable.ProposalAsFirstReleased(Utc(2026, 11, 3, 10), Policy);

        Assert.Equal(Utc(2026, 11, 8, 10), times.ExpiresAt);
        Assert.Equal(Utc(2026, 11, 6, 10), times.ReminderAt);
    }

    [Fact]
    public void Support_FirstMeetingAndReview_FallOnWorkingMornings()
    {
        // Matched Mon 14 Dec 2026: 14 days on is Mon 28 Dec (bank holiday), so Tue 29; 90 days on is Sun 14 March 2027, so Mon 15.
        var times = ReferralTimetable.Support(Utc(2026, 12, 14, 11), Policy);

        Assert.Equal(Utc(2026, 12, 29, 9), times.FirstMeetingBy);
        Assert.Equal(Utc(2027, 3, 15, 9), times.ReviewAt);
    }

    [Fact]
    public void Feedback_ReminderOnTheGrid_WindowEndsWholeDaysAfterClosure()
    {
        // Closing Mon 22 March 2027 13:15 UTC: reminder 7 days on is Easter Monday, so Tue 30 at 09:00 BST; the window
        // ends 14 days on to the minute in UTC, across the clock change.
        var times = ReferralTimetable.Feedback(Utc(2027, 3, 22, 13, 15), Policy);

        Assert.Equal(Utc(2027, 3, 30, 8), times.ReminderAt);
        Assert.Equal(Utc(2027, 4, 5, 13, 15), times.WindowEndsAt);
    }

    [Fact]
    public void Recontact_OnNewYearsDay_IsTheNextWorkingMorning_OfTheSchemesCalendar()
    {
        // Fri 1 Jan 2027: England and Wales work on Mon 4; Scotland also has 2 January, a Saturday, in lieu on Mon 4.
        Assert.Equal(Utc(2027, 1, 4, 9), ReferralTimetable.Recontact(new DateOnly(2027, 1, 1), UkRegion.EnglandAndWales));
        Assert.Equal(Utc(2027, 1, 5, 9), ReferralTimetable.Recontact(new DateOnly(2027, 1, 1), UkRegion.Scotland));
    }

    [Fact]
    public void Recontact_WithoutADate_IsThreeMonthsOn()
    {
        Assert.Equal(new DateOnly(2027, 2, 28), ReferralTimetable.DefaultRecontactOn(Utc(2026, 11, 30, 12)));
    }

    [Fact]
    public void TheRulesOfAScheme_AreItsPolicysNumbers()
    {
        // A workflow's plan is a copy of these numbers; a scheme with other numbers gets other times.
        var weekly = Policy with { CheckInCadenceDays = 7, CheckInReminderDaysBefore = 1, CheckInOverdueDaysAfter = 2 };

        var times = ReferralTimetable.CheckIn(Utc(2027, 1, 6, 10), weekly);

        Assert.Equal(Utc(2027, 1, 13, 9), times.DueAt);
        Assert.Equal(Utc(2027, 1, 12, 9), times.ReminderAt);
        Assert.Equal(Utc(2027, 1, 15, 9), times.OverdueAt);
    }
}
