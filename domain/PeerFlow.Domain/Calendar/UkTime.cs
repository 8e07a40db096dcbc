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
}
