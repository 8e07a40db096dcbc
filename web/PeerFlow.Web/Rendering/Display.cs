using System.Globalization;
using PeerFlow.Domain.Calendar;

namespace PeerFlow.Web.Rendering;

/// <summary>Dates and times as staff and families in the UK read them: Europe/London, UK English.</summary>
public static class Display
{
    // The app runs in invariant-globalization mode; its month and day names are the English ones.
    private static readonly CultureInfo UkEnglish = CultureInfo.InvariantCulture;

    /// <summary>"Tue 1 Dec 2026, 5:00pm".</summary>
    public static string When(DateTime? utc) => utc is { } at ? Local(at).ToString("ddd d MMM yyyy, h:mmtt", UkEnglish).Replace("AM", "am", StringComparison.Ordinal).Replace("PM", "pm", StringComparison.Ordinal) : "—";

    /// <summary>"1 Dec 2026".</summary>
    public static string Day(DateTime? utc) => utc is { } at ? Local(at).ToString("d MMM yyyy", UkEnglish) : "—";

    public static string Day(DateOnly? day) => day is { } d ? d.ToString("d MMM yyyy", UkEnglish) : "—";

    /// <summary>The machine-readable form for a &lt;time datetime&gt; attribute.</summary>
    /// <summary>The UK date of a moment as a date field takes it: "2026-12-01".</summary>
    public static string LocalDate(DateTime utc) => Local(utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>"3 days", "1 day", "5 hours": how long, in the largest unit that reads naturally.</summary>
    public static string Span(TimeSpan span)
    {
        span = span.Duration();
        return span.TotalDays >= 1 ? Plural((int)span.TotalDays, "day") : span.TotalHours >= 1 ? Plural((int)span.TotalHours, "hour") : Plural(Math.Max(1, (int)span.TotalMinutes), "minute");
    }

    /// <summary>"in 3 days" or "3 days ago".</summary>
    public static string Relative(DateTime utc, DateTime now) => utc >= now ? "in " + Span(utc - now) : Span(now - utc) + " ago";

    public static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : string.Create(CultureInfo.InvariantCulture, $"{count} {noun}s");

    private static DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), UkTime.London);
}
