namespace PeerFlow.Domain.Calendar;

/// <summary>
/// Working-day arithmetic on a UK bank-holiday calendar: a working day is Monday to Friday and not a bank holiday
/// of the scheme's region (see <see cref="BankHolidays"/>).
/// </summary>
public static class WorkingDays
{
    /// <summary>The end of a working day when a scheme does not set its own: 17:00 UK time.</summary>
    public static readonly TimeOnly DefaultEndOfDay = new(17, 0);

    // Schemes run in the UK, so "today" and "end of day" are London's, whatever the server's own zone is.

    /// <summary>Whether <paramref name="date"/> is a weekday that is not a bank holiday in <paramref name="region"/>.</summary>
    public static bool IsWorkingDay(DateOnly date, UkRegion region) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !BankHolidays.IsBankHoliday(date, region);

    /// <summary>
    /// The date <paramref name="days"/> working days after <paramref name="start"/>: for 1, the first working day
    /// after <paramref name="start"/> (whether or not <paramref name="start"/> is itself a working day). For 0,
    /// <paramref name="start"/> itself if it is a working day, otherwise the next working day.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is negative.</exception>
    public static DateOnly AddWorkingDays(DateOnly start, int days, UkRegion region)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);

        var date = start;
        if (days == 0)
        {
            while (!IsWorkingDay(date, region))
            {
                date = date.AddDays(1);
            }

            return date;
        }

        var counted = 0;
        while (counted < days)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date, region))
            {
                counted++;
            }
        }

        return date;
    }

    /// <summary>
    /// The number of working days after <paramref name="from"/> up to and including <paramref name="to"/>;
    /// negative (the count after <paramref name="to"/> up to and including <paramref name="from"/>) when
    /// <paramref name="to"/> is earlier. For <c>days ≥ 1</c>,
    /// <c>WorkingDaysBetween(start, AddWorkingDays(start, days, region), region) == days</c>.
    /// </summary>
    public static int WorkingDaysBetween(DateOnly from, DateOnly to, UkRegion region)
    {
        if (to < from)
        {
            return -WorkingDaysBetween(to, from, region);
        }

        var count = 0;
        for (var date = from.AddDays(1); date <= to; date = date.AddDays(1))
        {
            if (IsWorkingDay(date, region))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// The moment (in UTC) by which something received at <paramref name="receivedUtc"/> must be dealt with when
    /// it is allowed <paramref name="workingDays"/> working days.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Counting follows the usual UK statutory convention (as in the Freedom of Information Act): the clock
    /// starts on the date of receipt in UK time, day 1 is the first working day <em>after</em> that date, and the
    /// deadline is the end (<paramref name="endOfDay"/>, 17:00 UK time unless given) of day
    /// <paramref name="workingDays"/>. The time of receipt is ignored, so something received on a Saturday, a
    /// Sunday, a bank holiday, or at 18:00 on a Friday all count Monday as day 1 (if Monday is a working day) —
    /// exactly as "counting from the next working day" would. Something received at 16:59 on a Friday also
    /// counts Monday as day 1: the rule is deliberately about dates, not hours, so that mentors can work deadlines
    /// out from the date on a referral.
    /// </para>
    /// <para>
    /// With <paramref name="workingDays"/> = 0 the deadline is the end of the day of receipt if that is a
    /// working day, otherwise the end of the next working day.
    /// </para>
    /// <para>
    /// The end of day is UK local time, so the UTC result is 16:00 in British Summer Time and 17:00 in GMT.
    /// Clocks change only on Sundays, which are never working days, so the end of day always exists and is
    /// never ambiguous.
    /// </para>
    /// </remarks>
    /// <param name="receivedUtc">When it was received, in UTC (a <see cref="DateTimeKind.Unspecified"/> value is taken as UTC).</param>
    /// <param name="workingDays">The working days allowed; zero or more.</param>
    /// <param name="region">The scheme's bank-holiday calendar.</param>
    /// <param name="endOfDay">The UK time at which a working day ends; 17:00 when not given.</param>
    /// <returns>The deadline as a UTC <see cref="DateTime"/> (<see cref="DateTimeKind.Utc"/>).</returns>
    /// <exception cref="ArgumentException"><paramref name="receivedUtc"/> is a local time.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workingDays"/> is negative.</exception>
    public static DateTime DeadlineUtc(DateTime receivedUtc, int workingDays, UkRegion region, TimeOnly? endOfDay = null)
    {
        if (receivedUtc.Kind == DateTimeKind.Local)
        {
            throw new ArgumentException("Expected a UTC time, not the server's local time.", nameof(receivedUtc));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);

        var receivedLocal = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(receivedUtc, DateTimeKind.Utc), UkTime.London);
        var dueDate = AddWorkingDays(DateOnly.FromDateTime(receivedLocal), workingDays, region);
        var dueLocal = dueDate.ToDateTime(endOfDay ?? DefaultEndOfDay, DateTimeKind.Unspecified);
        return TimeZoneInfo.ConvertTimeToUtc(dueLocal, UkTime.London);
    }
}
