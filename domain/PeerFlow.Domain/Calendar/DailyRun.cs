namespace PeerFlow.Domain.Calendar;

/// <summary>A job that runs once a day at a fixed time in Europe/London, whatever the clocks do.</summary>
public static class DailyRun
{
    /// <summary>The next run strictly after <paramref name="utcNow"/>, in UTC.</summary>
    public static DateTime NextRunUtc(DateTime utcNow, TimeOnly at)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc), UkTime.London);
        var today = local.Date.Add(at.ToTimeSpan());
        var run = local < today ? today : today.AddDays(1);
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(run, DateTimeKind.Unspecified), UkTime.London);
    }

    /// <summary>The London day a run belongs to.</summary>
    public static DateOnly Day(DateTime runUtc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(runUtc, DateTimeKind.Utc), UkTime.London));
}
