namespace PeerFlow.Domain.Matching;

/// <summary>
/// DBS checks and training run out on a date. On that date they no longer count (a check "expiring on 3 March" is not
/// valid on 3 March), so a lapsed check excludes and one lapsing soon warns while there is still time to renew it.
/// </summary>
internal static class Expiry
{
    public static int DaysLeft(DateOnly expires, DateOnly today) => expires.DayNumber - today.DayNumber;

    public static bool HasLapsed(DateOnly expires, DateOnly today) => DaysLeft(expires, today) <= 0;

    /// <summary>The candidate's warnings, in a fixed order (DBS, then training).</summary>
    public static List<string> Warnings(MentorProfile mentor, DateOnly today)
    {
        var warnings = new List<string>();
        AddIfSoon(warnings, "DBS check", mentor.DbsCheckExpires, today);
        if (mentor.TrainingCompleted)
        {
            AddIfSoon(warnings, "Training", mentor.TrainingExpires, today);
        }

        return warnings;
    }

    private static void AddIfSoon(List<string> warnings, string what, DateOnly? expires, DateOnly today)
    {
        if (expires is not { } date)
        {
            return;
        }

        var days = DaysLeft(date, today);
        if (days > 0 && days <= Matcher.ExpiryWarningDays)
        {
            warnings.Add($"{what} expires in {Wording.Count(days, "day", "days")}");
        }
    }
}
