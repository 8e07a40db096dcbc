using PeerFlow.Domain.Calendar;

namespace PeerFlow.Domain.Tests.Calendar;

public sealed class WorkingDaysTests
{
    [Fact]
    public void Weekdays_AreWorkingDays_ButWeekendsAndBankHolidaysAreNot()
    {
        Assert.True(WorkingDays.IsWorkingDay(new DateOnly(2026, 4, 2), UkRegion.EnglandAndWales)); // Thursday
        Assert.False(WorkingDays.IsWorkingDay(new DateOnly(2026, 4, 3), UkRegion.EnglandAndWales)); // Good Friday
        Assert.False(WorkingDays.IsWorkingDay(new DateOnly(2026, 4, 4), UkRegion.EnglandAndWales)); // Saturday
        Assert.False(WorkingDays.IsWorkingDay(new DateOnly(2026, 4, 5), UkRegion.EnglandAndWales)); // Sunday
        Assert.False(WorkingDays.IsWorkingDay(new DateOnly(2026, 4, 6), UkRegion.EnglandAndWales)); // Easter Monday
        Assert.True(WorkingDays.IsWorkingDay(new DateOnly(2026, 4, 6), UkRegion.Scotland)); // no Easter Monday there
    }

    [Fact]
    public void FiveWorkingDaysFromThursdayBeforeEaster2026_IsMonday13AprilInEnglandAndWales()
    {
        // Counting by hand from Thu 2 Apr: Fri 3 (Good Friday), Sat 4, Sun 5 and Mon 6 (Easter Monday) don't count;
        // Tue 7 = 1, Wed 8 = 2, Thu 9 = 3, Fri 10 = 4, (weekend), Mon 13 = 5.
        Assert.Equal(new DateOnly(2026, 4, 13), WorkingDays.AddWorkingDays(new DateOnly(2026, 4, 2), 5, UkRegion.EnglandAndWales));
    }

    [Fact]
    public void FiveWorkingDaysFromThursdayBeforeEaster2026_IsFriday10AprilInScotland()
    {
        // Scotland has Good Friday but no Easter Monday: Mon 6 = 1, Tue 7 = 2, Wed 8 = 3, Thu 9 = 4, Fri 10 = 5.
        Assert.Equal(new DateOnly(2026, 4, 10), WorkingDays.AddWorkingDays(new DateOnly(2026, 4, 2), 5, UkRegion.Scotland));
    }

    [Fact]
    public void FiveWorkingDaysFromWednesdayBeforeChristmas2026_IsMonday4January2027InEnglandAndWales()
    {
        // From Wed 23 Dec: Thu 24 = 1; Fri 25 (Christmas), Sat 26, Sun 27, Mon 28 (Boxing Day substitute) don't count;
        // Tue 29 = 2, Wed 30 = 3, Thu 31 = 4; Fri 1 Jan 2027 (New Year's Day), Sat 2, Sun 3 don't count; Mon 4 = 5.
        Assert.Equal(new DateOnly(2027, 1, 4), WorkingDays.AddWorkingDays(new DateOnly(2026, 12, 23), 5, UkRegion.EnglandAndWales));
    }

    [Fact]
    public void FiveWorkingDaysFromWednesdayBeforeChristmas2026_IsTuesday5January2027InScotland()
    {
        // As in England and Wales, except 2 January 2027 is a Saturday, so Scotland also has Mon 4 Jan off: Tue 5 = 5.
        Assert.Equal(new DateOnly(2027, 1, 5), WorkingDays.AddWorkingDays(new DateOnly(2026, 12, 23), 5, UkRegion.Scotland));
    }

    [Fact]
    public void ZeroWorkingDays_FromAWorkingDay_IsThatDay() =>
        Assert.Equal(new DateOnly(2026, 4, 2), WorkingDays.AddWorkingDays(new DateOnly(2026, 4, 2), 0, UkRegion.EnglandAndWales));

    [Fact]
    public void ZeroWorkingDays_FromGoodFriday_IsTheNextWorkingDay()
    {
        Assert.Equal(new DateOnly(2026, 4, 7), WorkingDays.AddWorkingDays(new DateOnly(2026, 4, 3), 0, UkRegion.EnglandAndWales));
        Assert.Equal(new DateOnly(2026, 4, 6), WorkingDays.AddWorkingDays(new DateOnly(2026, 4, 3), 0, UkRegion.Scotland));
    }

    [Fact]
    public void OneWorkingDay_FromASaturday_IsMonday() =>
        Assert.Equal(new DateOnly(2026, 6, 29), WorkingDays.AddWorkingDays(new DateOnly(2026, 6, 27), 1, UkRegion.EnglandAndWales));

    [Fact]
    public void NegativeWorkingDays_AreRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkingDays.AddWorkingDays(new DateOnly(2026, 4, 2), -1, UkRegion.EnglandAndWales));

    [Fact]
    public void WorkingDaysBetween_CountsDaysAfterFromUpToAndIncludingTo()
    {
        Assert.Equal(5, WorkingDays.WorkingDaysBetween(new DateOnly(2026, 4, 2), new DateOnly(2026, 4, 13), UkRegion.EnglandAndWales));
        Assert.Equal(6, WorkingDays.WorkingDaysBetween(new DateOnly(2026, 4, 2), new DateOnly(2026, 4, 13), UkRegion.Scotland));
        // Thu 24 Dec 2026 to Thu 31 Dec: Tue 29, Wed 30, Thu 31 (25 and 28 are holidays, 26 and 27 the weekend).
        Assert.Equal(3, WorkingDays.WorkingDaysBetween(new DateOnly(2026, 12, 24), new DateOnly(2026, 12, 31), UkRegion.EnglandAndWales));
    }

    [Fact]
    public void WorkingDaysBetween_IsZeroForTheSameDate_AndNegativeBackwards()
    {
        Assert.Equal(0, WorkingDays.WorkingDaysBetween(new DateOnly(2026, 4, 2), new DateOnly(2026, 4, 2), UkRegion.EnglandAndWales));
        Assert.Equal(-5, WorkingDays.WorkingDaysBetween(new DateOnly(2026, 4, 13), new DateOnly(2026, 4, 2), UkRegion.EnglandAndWales));
    }

    [Fact]
    public void WorkingDaysBetween_UndoesAddWorkingDays_ForEveryStartIn2026()
    {
        foreach (var region in Enum.GetValues<UkRegion>())
        {
            for (var start = new DateOnly(2026, 1, 1); start.Year == 2026; start = start.AddDays(1))
            {
                foreach (var days in new[] { 1, 2, 5, 10, 20 })
                {
                    var end = WorkingDays.AddWorkingDays(start, days, region);
                    Assert.True(WorkingDays.IsWorkingDay(end, region));
                    Assert.Equal(days, WorkingDays.WorkingDaysBetween(start, end, region));
                }
            }
        }
    }

    [Fact]
    public void DeadlineUtc_ForAReferralOn27March2026WithTenWorkingDays_LandsAt1600UtcBecauseItIsInBst()
    {
        // Fri 27 Mar 2026 10:00 GMT. Clocks go forward on Sun 29 Mar. Counting in England and Wales:
        // Mon 30 = 1, Tue 31 = 2, Wed 1 Apr = 3, Thu 2 = 4, (Good Friday, weekend, Easter Monday), Tue 7 = 5,
        // Wed 8 = 6, Thu 9 = 7, Fri 10 = 8, Mon 13 = 9, Tue 14 = 10. 17:00 BST on Tue 14 Apr is 16:00 UTC.
        var deadline = WorkingDays.DeadlineUtc(Utc(2026, 3, 27, 10, 0), 10, UkRegion.EnglandAndWales);

        Assert.Equal(Utc(2026, 4, 14, 16, 0), deadline);
        Assert.Equal(DateTimeKind.Utc, deadline.Kind);
    }

    [Fact]
    public void DeadlineUtc_InWinter_IsAt1700Utc() =>
        // Mon 5 Jan 2026: Tue 6 = 1, Wed 7 = 2, Thu 8 = 3, Fri 9 = 4, Mon 12 = 5; 17:00 GMT.
        Assert.Equal(Utc(2026, 1, 12, 17, 0), WorkingDays.DeadlineUtc(Utc(2026, 1, 5, 9, 0), 5, UkRegion.EnglandAndWales));

    [Fact]
    public void DeadlineUtc_AcrossTheEndOfBst_IsAt1700Utc() =>
        // Received Thu 22 Oct 2026 in BST; clocks go back on Sun 25 Oct. Fri 23 = 1, Mon 26 = 2, Tue 27 = 3; 17:00 GMT.
        Assert.Equal(Utc(2026, 10, 27, 17, 0), WorkingDays.DeadlineUtc(Utc(2026, 10, 22, 9, 0), 3, UkRegion.EnglandAndWales));

    [Fact]
    public void DeadlineUtc_CountsFromTheLondonDateOfReceipt_NotTheUtcDate()
    {
        // 23:30 UTC on Thu 25 Jun 2026 is 00:30 BST on Fri 26 Jun, so day 1 is Mon 29 Jun, not Fri 26 Jun.
        Assert.Equal(Utc(2026, 6, 29, 16, 0), WorkingDays.DeadlineUtc(Utc(2026, 6, 25, 23, 30), 1, UkRegion.EnglandAndWales));
    }

    [Fact]
    public void DeadlineUtc_ForAReferralOnAFridayEveningOrAtTheWeekend_CountsMondayAsDayOne()
    {
        var fridayAfternoon = WorkingDays.DeadlineUtc(Utc(2026, 6, 26, 15, 59), 1, UkRegion.EnglandAndWales);
        var fridayEvening = WorkingDays.DeadlineUtc(Utc(2026, 6, 26, 19, 0), 1, UkRegion.EnglandAndWales);
        var saturday = WorkingDays.DeadlineUtc(Utc(2026, 6, 27, 12, 0), 1, UkRegion.EnglandAndWales);

        Assert.Equal(Utc(2026, 6, 29, 16, 0), fridayAfternoon);
        Assert.Equal(fridayAfternoon, fridayEvening);
        Assert.Equal(fridayAfternoon, saturday);
    }

    [Fact]
    public void DeadlineUtc_WithZeroWorkingDays_IsTheEndOfTheDayOfReceiptOrOfTheNextWorkingDay()
    {
        Assert.Equal(Utc(2026, 6, 26, 16, 0), WorkingDays.DeadlineUtc(Utc(2026, 6, 26, 9, 0), 0, UkRegion.EnglandAndWales));
        Assert.Equal(Utc(2026, 6, 29, 16, 0), WorkingDays.DeadlineUtc(Utc(2026, 6, 27, 9, 0), 0, UkRegion.EnglandAndWales));
    }

    [Fact]
    public void DeadlineUtc_UsesTheSchemesEndOfDay_InUkTime() =>
        Assert.Equal(
            Utc(2026, 6, 29, 11, 30),
            WorkingDays.DeadlineUtc(Utc(2026, 6, 26, 9, 0), 1, UkRegion.EnglandAndWales, new TimeOnly(12, 30)));

    [Fact]
    public void DeadlineUtc_FollowsTheSchemesRegion() =>
        // Received Thu 2 Apr 2026 in Scotland, where Easter Monday is a working day: Mon 6 = 1.
        Assert.Equal(Utc(2026, 4, 6, 16, 0), WorkingDays.DeadlineUtc(Utc(2026, 4, 2, 9, 0), 1, UkRegion.Scotland));

    [Fact]
    public void DeadlineUtc_TreatsAnUnspecifiedKindAsUtc() =>
        Assert.Equal(
            Utc(2026, 4, 14, 16, 0),
            WorkingDays.DeadlineUtc(new DateTime(2026, 3, 27, 10, 0, 0, DateTimeKind.Unspecified), 10, UkRegion.EnglandAndWales));

    [Fact]
    public void DeadlineUtc_RejectsALocalTime_AndNegativeWorkingDays()
    {
        Assert.Throws<ArgumentException>(() => WorkingDays.DeadlineUtc(new DateTime(2026, 3, 27, 10, 0, 0, DateTimeKind.Local), 1, UkRegion.EnglandAndWales));
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkingDays.DeadlineUtc(Utc(2026, 3, 27, 10, 0), -1, UkRegion.EnglandAndWales));
    }

    private static DateTime Utc(int year, int month, int day, int hour, int minute) =>
        new(year, month, day, hour, minute, 0, DateTimeKind.Utc);
}
