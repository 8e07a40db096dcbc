namespace PeerFlow.Domain.Calendar;

/// <summary>Work done once a day at a fixed time in Europe/London, whatever British time is doing.</summary>
public static class DailyRun
{
    /// <summary>
    /// The retention run: at night, when nobody is reading the records it erases, and after 02:00, so that it never
    /// falls in the hour that does not exist in March or the one that happens twice in October.
    /// </summary>
    public static readonly TimeOnly RetentionAt = new(3, 0);

    /// <summary>The next run at <paramref name="at"/> London time strictly after <paramref name="utcNow"/>, in UTC.</summary>
    public static DateTime NextRunUtc(DateTime utcNow, TimeOnly at)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc), UkTime.London);
        var today = new DateTime(local.Year, local.Month, local.Day, at.Hour, at.Minute, 0, DateTimeKind.Unspecified);
        var run = local < today ? today : today.AddDays(1);
        return TimeZoneInfo.ConvertTimeToUtc(run, UkTime.London);
    }

    /// <summary>The London day a run belongs to.</summary>
    public static DateOnly Day(DateTime runUtc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(runUtc, DateTimeKind.Utc), UkTime.London));
}
