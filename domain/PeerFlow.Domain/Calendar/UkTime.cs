namespace PeerFlow.Domain.Calendar;

/// <summary>The one time zone PeerFlow's people live in: deadlines, emails, pages and reports all speak it.</summary>
public static class UkTime
{
    public static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
}
