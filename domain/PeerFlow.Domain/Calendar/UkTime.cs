namespace PeerFlow.Domain.Calendar;

/// <summary>The one time zone PeerFlow's people live in: deadlines, emails, pages and reports all speak it.</summary>
public static class UkTime
{
    public static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>
    /// "Tuesday 3 March 2026 at 2:30pm", in London: how an email and the page it links to both state a moment someone
    /// must act by, so the two never seem to disagree.
    /// </summary>
    public static string LongDateTime(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, London);
        var time = local.ToString(local.Minute == 0 ? "%h" : "h:mm", System.Globalization.CultureInfo.InvariantCulture) + (local.Hour < 12 ? "am" : "pm");
        return $"{local.ToString("dddd d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)} at {time}";
    }

    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"];

    /// <summary>
    /// A moment people typed: ISO 8601 with an offset or Z ("2026-12-01T10:30:00+00:00") as it says, or without one
    /// ("2026-12-01T10:30", "2026-12-01 10:30") as UK local time, as a coordinator reads the clock. Null when it is
    /// neither, or a local time the clocks skip in spring.
    /// </summary>
    public static DateTime? ParseInstant(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        if (trimmed.EndsWith('Z') || trimmed.EndsWith('z') || (trimmed.Length > 6 && trimmed[^6] is '+' or '-' && trimmed[^3] == ':'))
        {
            return DateTimeOffset.TryParse(trimmed, invariant, System.Globalization.DateTimeStyles.None, out var withOffset) ? withOffset.UtcDateTime : null;
        }

        if (!DateTime.TryParseExact(trimmed, LocalFormats, invariant, System.Globalization.DateTimeStyles.None, out var local) || London.IsInvalidTime(local))
        {
            return null;
        }

        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), London);
    }
}
