using PeerFlow.Domain.Calendar;

namespace PeerFlow.Domain.Sms;

/// <summary>
/// When a scheme sends no text that can wait: from <see cref="From"/> to <see cref="Until"/>, London time, across
/// midnight when From is later than Until (21:00–08:00). Urgent texts (safeguarding, escalations) ignore it.
/// </summary>
public sealed record QuietHours(TimeOnly From, TimeOnly Until)
{
    public static QuietHours Default { get; } = new(new TimeOnly(21, 0), new TimeOnly(8, 0));

    /// <summary>No quiet hours: From equals Until.</summary>
    public bool None => From == Until;

    /// <summary>
    /// The moment the quiet hours around <paramref name="now"/> end, or null when <paramref name="now"/> is not in
    /// them. The end is a London wall-clock time, so it is right on the nights the clocks change.
    /// </summary>
    public DateTimeOffset? EndsAfter(DateTimeOffset now)
    {
        if (None)
        {
            return null;
        }

        var local = TimeZoneInfo.ConvertTime(now, UkTime.London);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var date = DateOnly.FromDateTime(local.DateTime);
        DateOnly endDate;
        if (From < Until)
        {
            // Within one day (e.g. 13:00–14:00).
            if (time < From || time >= Until)
            {
                return null;
            }

            endDate = date;
        }
        else if (time >= From)
        {
            endDate = date.AddDays(1); // evening: quiet until tomorrow morning
        }
        else if (time < Until)
        {
            endDate = date; // small hours: quiet until this morning
        }
        else
        {
            return null;
        }

        var end = endDate.ToDateTime(Until, DateTimeKind.Unspecified);
        // A wall-clock end the clocks skip (never at 08:00 in the UK, but a scheme may choose 01:30) is taken an hour on.
        while (UkTime.London.IsInvalidTime(end))
        {
            end = end.AddHours(1);
        }

        return new DateTimeOffset(end, UkTime.London.GetUtcOffset(end));
    }

    /// <summary>"21:00" and "08:00" from the organisation file; false when either is not a time of day.</summary>
    public static bool TryParse(string? from, string? until, out QuietHours quiet)
    {
        quiet = Default;
        if (!TimeOnly.TryParseExact(from, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var f)
            || !TimeOnly.TryParseExact(until, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var u))
        {
            return false;
        }

        quiet = new QuietHours(f, u);
        return true;
    }
}
