using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace PeerFlow.Domain.Calendar;

/// <summary>A bank holiday as gov.uk publishes it: the day it is taken and its name.</summary>
/// <param name="Date">The day off (for a substitute day, the weekday it moved to).</param>
/// <param name="Name">The published name, e.g. "Boxing Day (substitute day)".</param>
public sealed record BankHoliday(DateOnly Date, string Name);

/// <summary>
/// UK bank holidays, computed from the rules rather than fetched: no package carries them and PeerFlow may not
/// call out at run time. The rules are those in force since 2007 (when St Andrew's Day became a Scottish bank
/// holiday), plus the one-off moves and extra days listed in <see cref="MovedHolidays"/> and
/// <see cref="OneOffHolidays"/>. Earlier years are computed with today's rules and are not guaranteed to match
/// what was actually observed (e.g. the 1977 Silver Jubilee and the 1999 Millennium holiday are not modelled).
/// When a new one-off day is proclaimed, add it to <see cref="OneOffHolidays"/>.
/// </summary>
public static class BankHolidays
{
    // Holidays are asked for on every working-day step, so each (region, year) is computed once.
    private static readonly ConcurrentDictionary<(UkRegion Region, int Year), YearOfHolidays> Cache = new();

    // Days the government moved by proclamation, keyed by the year and the usual holiday they replace.
    private static readonly FrozenDictionary<(int Year, string Name), DateOnly> MovedHolidays =
        new Dictionary<(int Year, string Name), DateOnly>
        {
            // VE Day's 50th anniversary: the first Monday (1 May) moved to Monday 8 May.
            [(1995, EarlyMay)] = new(1995, 5, 8),
            // VE Day's 75th anniversary: moved to Friday 8 May.
            [(2020, EarlyMay)] = new(2020, 5, 8),
            // Golden Jubilee: moved to Tuesday 4 June to make a four-day weekend with the Jubilee holiday on 3 June.
            [(2002, SpringHoliday)] = new(2002, 6, 4),
            // Diamond Jubilee: moved to Monday 4 June, next to the Jubilee holiday on Tuesday 5 June.
            [(2012, SpringHoliday)] = new(2012, 6, 4),
            // Platinum Jubilee: moved to Thursday 2 June, next to the Jubilee holiday on Friday 3 June.
            [(2022, SpringHoliday)] = new(2022, 6, 2),
        }.ToFrozenDictionary();

    // Extra days proclaimed for a single occasion; each applied across the whole UK.
    private static readonly BankHoliday[] OneOffHolidays =
    [
        new(new DateOnly(2002, 6, 3), "Golden Jubilee bank holiday"),
        new(new DateOnly(2011, 4, 29), "Wedding of Prince William and Catherine Middleton"),
        new(new DateOnly(2012, 6, 5), "Queen's Diamond Jubilee"),
        new(new DateOnly(2022, 6, 3), "Platinum Jubilee bank holiday"),
        new(new DateOnly(2022, 9, 19), "Bank Holiday for the State Funeral of Queen Elizabeth II"),
        new(new DateOnly(2023, 5, 8), "Bank holiday for the coronation of King Charles III"),
    ];

    private const string EarlyMay = "Early May bank holiday";
    private const string SpringHoliday = "Spring bank holiday";
    private const string SummerHoliday = "Summer bank holiday";
    private const string Substitute = " (substitute day)";

    /// <summary>The bank holidays of <paramref name="region"/> in <paramref name="year"/>, in date order.</summary>
    public static IReadOnlyList<BankHoliday> For(UkRegion region, int year) => Get(region, year).Holidays;

    /// <summary>Whether <paramref name="date"/> is a bank holiday (including substitute days) in <paramref name="region"/>.</summary>
    public static bool IsBankHoliday(DateOnly date, UkRegion region) => Get(region, date.Year).Dates.Contains(date);

    private static YearOfHolidays Get(UkRegion region, int year)
    {
        if (!Enum.IsDefined(region))
        {
            throw new ArgumentOutOfRangeException(nameof(region), region, "Unknown UK region.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(year, DateOnly.MinValue.Year);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, DateOnly.MaxValue.Year);

        return Cache.GetOrAdd((region, year), static key => Compute(key.Region, key.Year));
    }

    private static YearOfHolidays Compute(UkRegion region, int year)
    {
        var holidays = new List<BankHoliday>();
        holidays.AddRange(region == UkRegion.Scotland ? ScottishNewYear(year) : NewYearsDay(year));
        if (region == UkRegion.NorthernIreland)
        {
            holidays.Add(StPatricksDay(year));
        }

        holidays.Add(GoodFriday(year));
        if (region != UkRegion.Scotland)
        {
            holidays.Add(EasterMonday(year));
        }

        holidays.Add(EarlyMayHoliday(year));
        holidays.Add(SpringBankHoliday(year));
        if (region == UkRegion.NorthernIreland)
        {
            holidays.Add(BattleOfTheBoyne(year));
        }

        holidays.Add(region == UkRegion.Scotland ? ScottishSummerHoliday(year) : SummerBankHoliday(year));
        if (region == UkRegion.Scotland && StAndrewsDay(year) is { } stAndrews)
        {
            holidays.Add(stAndrews);
        }

        holidays.AddRange(ChristmasAndBoxingDay(year));
        holidays.AddRange(OneOffHolidays.Where(h => h.Date.Year == year));

        var sorted = holidays.OrderBy(h => h.Date).ToArray();
        return new YearOfHolidays(sorted.AsReadOnly(), sorted.Select(h => h.Date).ToFrozenSet());
    }

    private static BankHoliday[] NewYearsDay(int year)
    {
        var newYear = new DateOnly(year, 1, 1);
        return [Observed(newYear, "New Year's Day")];
    }

    // Scotland also keeps 2 January. The two days are substituted in order, so when 1 January is a Saturday
    // New Year's Day moves to Monday 3 and 2 January to Tuesday 4; when it is a Sunday, 2 January (a Monday)
    // becomes the New Year's Day substitute and 2 January's own substitute is Tuesday 3 — gov.uk names them so.
    private static BankHoliday[] ScottishNewYear(int year)
    {
        var newYear = new DateOnly(year, 1, 1);
        var newYearObserved = WeekdayOnOrAfter(newYear);
        var secondObserved = WeekdayOnOrAfter(newYearObserved.AddDays(1));
        return
        [
            Named(newYearObserved, newYear, "New Year's Day"),
            Named(secondObserved, newYear.AddDays(1), "2nd January"),
        ];
    }

    private static BankHoliday StPatricksDay(int year) => Observed(new DateOnly(year, 3, 17), "St Patrick's Day");

    private static BankHoliday GoodFriday(int year) => new(EasterSunday(year).AddDays(-2), "Good Friday");

    private static BankHoliday EasterMonday(int year) => new(EasterSunday(year).AddDays(1), "Easter Monday");

    private static BankHoliday EarlyMayHoliday(int year) =>
        new(MovedHolidays.GetValueOrDefault((year, EarlyMay), FirstMonday(year, 5)), EarlyMay);

    private static BankHoliday SpringBankHoliday(int year) =>
        new(MovedHolidays.GetValueOrDefault((year, SpringHoliday), LastMonday(year, 5)), SpringHoliday);

    private static BankHoliday BattleOfTheBoyne(int year) =>
        Observed(new DateOnly(year, 7, 12), "Battle of the Boyne (Orangemen's Day)");

    private static BankHoliday SummerBankHoliday(int year) => new(LastMonday(year, 8), SummerHoliday);

    // Scotland kept the older August holiday on the first Monday when England moved to the last Monday in 1971.
    private static BankHoliday ScottishSummerHoliday(int year) => new(FirstMonday(year, 8), SummerHoliday);

    // A bank holiday only since the St Andrew's Day Bank Holiday (Scotland) Act 2007; the Act moves it to the
    // following Monday when 30 November falls at a weekend.
    private static BankHoliday? StAndrewsDay(int year) =>
        year < 2007 ? null : Observed(new DateOnly(year, 11, 30), "St Andrew's Day");

    // When Christmas Day falls on a Sunday, Boxing Day keeps its own Monday and Christmas takes Tuesday 27 as its
    // substitute; on a Saturday the two move to Monday 27 and Tuesday 28; when only Boxing Day falls at the
    // weekend (Christmas on a Friday) it moves to Monday 28.
    private static BankHoliday[] ChristmasAndBoxingDay(int year)
    {
        var christmas = new DateOnly(year, 12, 25);
        var boxingDay = christmas.AddDays(1);
        return christmas.DayOfWeek switch
        {
            DayOfWeek.Saturday =>
            [
                new(christmas.AddDays(2), "Christmas Day" + Substitute),
                new(christmas.AddDays(3), "Boxing Day" + Substitute),
            ],
            DayOfWeek.Sunday =>
            [
                new(boxingDay, "Boxing Day"),
                new(christmas.AddDays(2), "Christmas Day" + Substitute),
            ],
            _ => [new(christmas, "Christmas Day"), Observed(boxingDay, "Boxing Day")],
        };
    }

    /// <summary>Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).</summary>
    internal static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    // A fixed-date holiday that falls at a weekend is taken on the following Monday. (Pairs of adjacent
    // holidays, which would collide on that Monday, are handled by their own rules above.)
    private static BankHoliday Observed(DateOnly date, string name) => Named(WeekdayOnOrAfter(date), date, name);

    private static BankHoliday Named(DateOnly observed, DateOnly actual, string name) =>
        new(observed, observed == actual ? name : name + Substitute);

    private static DateOnly WeekdayOnOrAfter(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Saturday => date.AddDays(2),
        DayOfWeek.Sunday => date.AddDays(1),
        _ => date,
    };

    private static DateOnly FirstMonday(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays(((int)DayOfWeek.Monday - (int)first.DayOfWeek + 7) % 7);
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(((int)last.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7));
    }

    private sealed record YearOfHolidays(IReadOnlyList<BankHoliday> Holidays, FrozenSet<DateOnly> Dates);
}
