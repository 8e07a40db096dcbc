namespace PeerFlow.Domain.Calendar;

/// <summary>
/// The rule for every notice a person acts on (reminders, overdue alerts, reviews, re-contact): it is sent at 09:00
/// Europe/London on a working day of the scheme's calendar, the day it falls due or else the next working day. So a
/// reminder never arrives at night, at a weekend or on a bank holiday, and does not drift across clock changes.
/// </summary>
public static class NoticeTimes
{
    public static readonly TimeOnly At = new(9, 0);

    /// <summary>09:00 London on <paramref name="date"/>, or on the next working day when that date is not one.</summary>
    public static DateTime On(DateOnly date, UkRegion calendar)
    {
        while (!WorkingDays.IsWorkingDay(date, calendar))
        {
            date = date.AddDays(1);
        }

        return TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(At, DateTimeKind.Unspecified), UkTime.London);
    }

    /// <summary>
    /// 09:00 London on <paramref name="date"/>, or on the working day before it when that date is not one: for a
    /// reminder ahead of a deadline, which must not move past it.
    /// </summary>
    public static DateTime OnOrBefore(DateOnly date, UkRegion calendar)
    {
        while (!WorkingDays.IsWorkingDay(date, calendar))
        {
            date = date.AddDays(-1);
        }

        return TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(At, DateTimeKind.Unspecified), UkTime.London);
    }

    /// <summary>The notice time <paramref name="days"/> calendar days after the London date of <paramref name="fromUtc"/>.</summary>
    public static DateTime DaysAfter(DateTime fromUtc, int days, UkRegion calendar) =>
        On(LondonDate(fromUtc).AddDays(days), calendar);

    public static DateOnly LondonDate(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), UkTime.London));
}
