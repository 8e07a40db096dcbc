using System.Globalization;

namespace PeerFlow.Domain.Calendar;

/// <summary>When the monthly evaluation goes out: the first of each month at 09:00 in Europe/London, about the month before.</summary>
public static class MonthlyRun
{
    public static readonly TimeOnly At = new(9, 0);


    /// <summary>The next run strictly after <paramref name="utcNow"/>, in UTC (08:00 or 09:00 UTC, as British time moves).</summary>
    public static DateTime NextRunUtc(DateTime utcNow)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc), UkTime.London);
        var thisMonth = new DateTime(local.Year, local.Month, 1, At.Hour, At.Minute, 0, DateTimeKind.Unspecified);
        var run = local < thisMonth ? thisMonth : thisMonth.AddMonths(1);
        return TimeZoneInfo.ConvertTimeToUtc(run, UkTime.London);
    }

    /// <summary>The month a run reports on, as "yyyy-MM": the London month before the run's.</summary>
    public static string ReportedMonth(DateTime runUtc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(runUtc, DateTimeKind.Utc), UkTime.London);
        return new DateTime(local.Year, local.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
    }
}
