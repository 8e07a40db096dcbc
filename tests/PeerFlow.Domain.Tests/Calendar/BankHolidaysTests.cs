using System.Globalization;
using PeerFlow.Domain.Calendar;

namespace PeerFlow.Domain.Tests.Calendar;

// Expected lists are the ones gov.uk publishes (https://www.gov.uk/bank-holidays), written out by hand.
public sealed class BankHolidaysTests
{
    [Fact]
    public void EnglandAndWales_2024_HasTheEightPublishedBankHolidays() =>
        Assert.Equal(
            ["2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26"],
            Dates(UkRegion.EnglandAndWales, 2024));

    [Fact]
    public void EnglandAndWales_2025_HasTheEightPublishedBankHolidays() =>
        Assert.Equal(
            ["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"],
            Dates(UkRegion.EnglandAndWales, 2025));

    [Fact]
    public void EnglandAndWales_2026_HasTheEightPublishedBankHolidays()
    {
        Assert.Equal(
            [
                (new DateOnly(2026, 1, 1), "New Year's Day"),
                (new DateOnly(2026, 4, 3), "Good Friday"),
                (new DateOnly(2026, 4, 6), "Easter Monday"),
                (new DateOnly(2026, 5, 4), "Early May bank holiday"),
                (new DateOnly(2026, 5, 25), "Spring bank holiday"),
                (new DateOnly(2026, 8, 31), "Summer bank holiday"),
                (new DateOnly(2026, 12, 25), "Christmas Day"),
                (new DateOnly(2026, 12, 28), "Boxing Day (substitute day)"),
            ],
            BankHolidays.For(UkRegion.EnglandAndWales, 2026).Select(h => (h.Date, h.Name)));
    }

    [Fact]
    public void EnglandAndWales_2027_HasTheEightPublishedBankHolidays_WithChristmasAndBoxingDayBothSubstituted() =>
        Assert.Equal(
            ["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"],
            Dates(UkRegion.EnglandAndWales, 2027));

    [Fact]
    public void Scotland_2025_HasNinePublishedBankHolidays_WithStAndrewsDayMovedToMonday1December() =>
        Assert.Equal(
            ["2025-01-01", "2025-01-02", "2025-04-18", "2025-05-05", "2025-05-26", "2025-08-04", "2025-12-01", "2025-12-25", "2025-12-26"],
            Dates(UkRegion.Scotland, 2025));

    [Fact]
    public void Scotland_2026_HasNinePublishedBankHolidays_WithStAndrewsDayOnItsOwnMonday() =>
        Assert.Equal(
            ["2026-01-01", "2026-01-02", "2026-04-03", "2026-05-04", "2026-05-25", "2026-08-03", "2026-11-30", "2026-12-25", "2026-12-28"],
            Dates(UkRegion.Scotland, 2026));

    [Fact]
    public void NorthernIreland_2026_HasTenPublishedBankHolidays_WithTheBoyneMovedOffSunday12July()
    {
        Assert.Equal(
            ["2026-01-01", "2026-03-17", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-07-13", "2026-08-31", "2026-12-25", "2026-12-28"],
            Dates(UkRegion.NorthernIreland, 2026));
        Assert.Contains(BankHolidays.For(UkRegion.NorthernIreland, 2026), h => h.Name == "Battle of the Boyne (Orangemen's Day) (substitute day)");
    }

    [Fact]
    public void EnglandAndWales_2022_HasTheJubileeWeekendTheStateFuneralAndTheNewYearAndChristmasSubstitutes() =>
        Assert.Equal(
            ["2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"],
            Dates(UkRegion.EnglandAndWales, 2022));

    [Fact]
    public void Scotland_2022_MovesNewYearAndSecondJanuaryToMonday3AndTuesday4() =>
        Assert.Equal(
            ["2022-01-03", "2022-01-04", "2022-04-15", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-01", "2022-09-19", "2022-11-30", "2022-12-26", "2022-12-27"],
            Dates(UkRegion.Scotland, 2022));

    [Fact]
    public void NorthernIreland_2022_HasTheOneOffDaysToo() =>
        Assert.Equal(
            ["2022-01-03", "2022-03-17", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-07-12", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"],
            Dates(UkRegion.NorthernIreland, 2022));

    [Fact]
    public void EnglandAndWales_2020_HasTheEarlyMayHolidayOnVeDayFriday8MayInsteadOfMonday4May()
    {
        Assert.Equal(
            ["2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28"],
            Dates(UkRegion.EnglandAndWales, 2020));
        Assert.False(BankHolidays.IsBankHoliday(new DateOnly(2020, 5, 4), UkRegion.EnglandAndWales));
    }

    [Theory]
    [InlineData(1995, "1995-05-08")]
    [InlineData(2019, "2019-05-06")]
    [InlineData(2023, "2023-05-01")]
    public void TheEarlyMayHoliday_IsTheFirstMondayUnlessMovedForAVeDayAnniversary(int year, string expected) =>
        Assert.Equal(expected, DateOf(UkRegion.EnglandAndWales, year, "Early May bank holiday"));

    [Theory]
    [InlineData(2002, "2002-06-04")]
    [InlineData(2012, "2012-06-04")]
    [InlineData(2022, "2022-06-02")]
    [InlineData(2021, "2021-05-31")]
    public void TheSpringHoliday_IsTheLastMondayOfMayUnlessMovedForAJubilee(int year, string expected) =>
        Assert.Equal(expected, DateOf(UkRegion.Scotland, year, "Spring bank holiday"));

    [Theory]
    [InlineData(UkRegion.EnglandAndWales)]
    [InlineData(UkRegion.Scotland)]
    [InlineData(UkRegion.NorthernIreland)]
    public void TheOneOffDays_AreHolidaysInEveryRegion(UkRegion region)
    {
        DateOnly[] oneOffs =
        [
            new(2002, 6, 3), new(2011, 4, 29), new(2012, 6, 5), new(2022, 6, 3), new(2022, 9, 19), new(2023, 5, 8),
        ];
        Assert.All(oneOffs, date => Assert.True(BankHolidays.IsBankHoliday(date, region), $"{date:yyyy-MM-dd}"));
    }

    [Fact]
    public void ChristmasOnASaturday_In2021_GivesMonday27AndTuesday28() =>
        Assert.Equal(
            [
                (new DateOnly(2021, 12, 27), "Christmas Day (substitute day)"),
                (new DateOnly(2021, 12, 28), "Boxing Day (substitute day)"),
            ],
            BankHolidays.For(UkRegion.EnglandAndWales, 2021).Where(h => h.Date.Month == 12).Select(h => (h.Date, h.Name)));

    [Fact]
    public void ChristmasOnASunday_In2022_GivesBoxingDayOnMonday26AndTheChristmasSubstituteOnTuesday27() =>
        Assert.Equal(
            [
                (new DateOnly(2022, 12, 26), "Boxing Day"),
                (new DateOnly(2022, 12, 27), "Christmas Day (substitute day)"),
            ],
            BankHolidays.For(UkRegion.EnglandAndWales, 2022).Where(h => h.Date.Month == 12).Select(h => (h.Date, h.Name)));

    [Fact]
    public void ChristmasOnASaturday_In2027_GivesMonday27AndTuesday28InEveryRegion()
    {
        foreach (var region in Enum.GetValues<UkRegion>())
        {
            Assert.Equal(
                ["2027-12-27", "2027-12-28"],
                Dates(region, 2027).Where(d => d.StartsWith("2027-12", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void NewYearOnASaturday_In2022_GivesMonday3InEnglandAndWales_AndMonday3AndTuesday4InScotland()
    {
        Assert.Equal(["2022-01-03"], Dates(UkRegion.EnglandAndWales, 2022).Where(d => d.StartsWith("2022-01", StringComparison.Ordinal)));
        Assert.Equal(
            [
                (new DateOnly(2022, 1, 3), "New Year's Day (substitute day)"),
                (new DateOnly(2022, 1, 4), "2nd January (substitute day)"),
            ],
            BankHolidays.For(UkRegion.Scotland, 2022).Where(h => h.Date.Month == 1).Select(h => (h.Date, h.Name)));
    }

    [Fact]
    public void NewYearOnASunday_In2023_GivesMonday2AndTuesday3InScotland_NamedAsGovUkNamesThem() =>
        Assert.Equal(
            [
                (new DateOnly(2023, 1, 2), "New Year's Day (substitute day)"),
                (new DateOnly(2023, 1, 3), "2nd January (substitute day)"),
            ],
            BankHolidays.For(UkRegion.Scotland, 2023).Where(h => h.Date.Month == 1).Select(h => (h.Date, h.Name)));

    [Fact]
    public void NewYearOnAFriday_In2021_MovesOnlySecondJanuaryToMonday4InScotland() =>
        Assert.Equal(["2021-01-01", "2021-01-04"], Dates(UkRegion.Scotland, 2021).Where(d => d.StartsWith("2021-01", StringComparison.Ordinal)));

    [Fact]
    public void StAndrewsDay_IsNotAHolidayBeforeTheScottishActOf2007() =>
        Assert.DoesNotContain(BankHolidays.For(UkRegion.Scotland, 2006), h => h.Name.StartsWith("St Andrew", StringComparison.Ordinal));

    [Fact]
    public void ScotlandAndEnglandDiffer_OnEasterMondayAndTheAugustHoliday()
    {
        var easterMonday = new DateOnly(2026, 4, 6);
        var firstMondayOfAugust = new DateOnly(2026, 8, 3);
        var lastMondayOfAugust = new DateOnly(2026, 8, 31);

        Assert.True(BankHolidays.IsBankHoliday(easterMonday, UkRegion.EnglandAndWales));
        Assert.True(BankHolidays.IsBankHoliday(easterMonday, UkRegion.NorthernIreland));
        Assert.False(BankHolidays.IsBankHoliday(easterMonday, UkRegion.Scotland));

        Assert.True(BankHolidays.IsBankHoliday(firstMondayOfAugust, UkRegion.Scotland));
        Assert.False(BankHolidays.IsBankHoliday(firstMondayOfAugust, UkRegion.EnglandAndWales));

        Assert.True(BankHolidays.IsBankHoliday(lastMondayOfAugust, UkRegion.EnglandAndWales));
        Assert.True(BankHolidays.IsBankHoliday(lastMondayOfAugust, UkRegion.NorthernIreland));
        Assert.False(BankHolidays.IsBankHoliday(lastMondayOfAugust, UkRegion.Scotland));
    }

    [Theory]
    [InlineData(2000, "2000-04-23")]
    [InlineData(2008, "2008-03-23")]
    [InlineData(2011, "2011-04-24")]
    [InlineData(2019, "2019-04-21")]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2038, "2038-04-25")]
    [InlineData(2285, "2285-03-22")]
    public void EasterSunday_MatchesPublishedDates_IncludingTheEarliestAndLatestPossible(int year, string expected) =>
        Assert.Equal(expected, Iso(BankHolidays.EasterSunday(year)));

    [Fact]
    public void EveryYearsList_IsSortedWithoutDuplicates_AndAgreesWithIsBankHoliday()
    {
        foreach (var region in Enum.GetValues<UkRegion>())
        {
            for (var year = 1990; year <= 2060; year++)
            {
                var holidays = BankHolidays.For(region, year);
                var dates = holidays.Select(h => h.Date).ToList();
                Assert.Equal(dates.Order(), dates);
                Assert.Equal(dates.Count, dates.Distinct().Count());
                Assert.All(dates, d => Assert.True(d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)));
                Assert.All(dates, d => Assert.Equal(year, d.Year));

                var everyDay = Enumerable.Range(0, DateTime.IsLeapYear(year) ? 366 : 365).Select(i => new DateOnly(year, 1, 1).AddDays(i));
                Assert.Equal(dates, everyDay.Where(d => BankHolidays.IsBankHoliday(d, region)));
            }
        }
    }

    [Fact]
    public void AYearsList_IsComputedOnceAndCached() =>
        Assert.Same(BankHolidays.For(UkRegion.Scotland, 2031), BankHolidays.For(UkRegion.Scotland, 2031));

    [Fact]
    public void AnUnknownRegion_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BankHolidays.For((UkRegion)42, 2026));

    private static string[] Dates(UkRegion region, int year) => [.. BankHolidays.For(region, year).Select(h => Iso(h.Date))];

    private static string DateOf(UkRegion region, int year, string name) =>
        Iso(Assert.Single(BankHolidays.For(region, year), h => h.Name == name).Date);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
