using PeerFlow.Domain.Matching;
using PeerFlow.Domain.Records;

namespace PeerFlow.Domain.Mentors;

/// <summary>The checks a mentor must hold to be proposed, and the supervision a mentor supporting a family is owed.</summary>
public enum ComplianceCheck
{
    Dbs,
    Training,
    Supervision,
}

/// <summary>
/// One thing wrong, or about to be wrong, with a mentor's checks. <paramref name="Lapsed"/>: the check no longer
/// counts (or supervision is overdue) today; otherwise it runs out within <see cref="MentorCompliance.AlertDaysAhead"/>.
/// </summary>
public sealed record ComplianceIssue(ComplianceCheck Check, bool Lapsed, string Text, DateOnly? Date);

/// <summary>
/// A coordinator is told about a check twice: <see cref="MentorCompliance.AlertDaysAhead"/> days before it runs out,
/// so a renewal can be started, and on the day it does. <see cref="Key"/> names that one telling, so it goes once.
/// </summary>
public sealed record ComplianceAlert(ComplianceCheck Check, DateOnly Expires, bool Lapsed)
{
    public string Key => $"{Check.ToString().ToLowerInvariant()}:{Expires:yyyy-MM-dd}:{(Lapsed ? "lapsed" : "ahead")}";
}

/// <summary>
/// The rules of a mentor's compliance, free of storage and clocks: the DBS check and training the matcher requires
/// (a lapsed one blocks new proposals there), and supervision at the scheme's cadence while the mentor supports a family.
/// </summary>
public static class MentorCompliance
{
    public const int AlertDaysAhead = 30;

    public static IReadOnlyList<ComplianceIssue> Issues(Mentor mentor, int supervisionCadenceDays, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(mentor);
        var issues = new List<ComplianceIssue>();
        if (mentor.DbsCheckExpires is not { } dbs)
        {
            issues.Add(new(ComplianceCheck.Dbs, true, "No DBS check on record", null));
        }
        else if (Dated(ComplianceCheck.Dbs, "DBS check", dbs, today) is { } issue)
        {
            issues.Add(issue);
        }

        if (!mentor.TrainingCompleted)
        {
            issues.Add(new(ComplianceCheck.Training, true, "Training not completed", null));
        }
        else if (mentor.TrainingExpires is { } training && Dated(ComplianceCheck.Training, "Training", training, today) is { } issue)
        {
            issues.Add(issue);
        }

        if (SupervisionDue(mentor, supervisionCadenceDays) is { } due && due < today)
        {
            issues.Add(new(ComplianceCheck.Supervision, true, $"Supervision overdue since {Wording.Date(due)}", due));
        }
        else if (supervisionCadenceDays > 0 && mentor.ActiveMatches > 0 && mentor.LastSupervisionOn is null)
        {
            issues.Add(new(ComplianceCheck.Supervision, true, "No supervision logged", null));
        }

        return issues;
    }

    /// <summary>
    /// When the mentor's next supervision falls due; null when the scheme does not track it, the mentor supports
    /// nobody, or none has been logged yet (then it is due at once: see <see cref="Issues"/>).
    /// </summary>
    public static DateOnly? SupervisionDue(Mentor mentor, int supervisionCadenceDays)
    {
        ArgumentNullException.ThrowIfNull(mentor);
        return supervisionCadenceDays > 0 && mentor.ActiveMatches > 0 && mentor.LastSupervisionOn is { } last
            ? last.AddDays(supervisionCadenceDays)
            : null;
    }

    /// <summary>A lapsed DBS check or training: the mentor's current matches need a decision on whether they go on.</summary>
    public static bool NeedsDecision(IEnumerable<ComplianceIssue> issues) =>
        issues.Any(i => i.Lapsed && i.Check is ComplianceCheck.Dbs or ComplianceCheck.Training);

    /// <summary>
    /// The tellings due by today for the mentor's dated checks. A day missed (the host was down) is caught up on the
    /// next: the telling 30 days ahead is due from then until the check runs out, the one on the day from then on.
    /// </summary>
    public static IEnumerable<ComplianceAlert> AlertsDue(Mentor mentor, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(mentor);
        if (!mentor.Active)
        {
            yield break;
        }

        foreach (var (check, expires) in new[] { (ComplianceCheck.Dbs, mentor.DbsCheckExpires), (ComplianceCheck.Training, mentor.TrainingCompleted ? mentor.TrainingExpires : null) })
        {
            if (expires is not { } date)
            {
                continue;
            }

            var daysLeft = date.DayNumber - today.DayNumber;
            if (daysLeft <= 0)
            {
                yield return new ComplianceAlert(check, date, true);
            }
            else if (daysLeft <= AlertDaysAhead)
            {
                yield return new ComplianceAlert(check, date, false);
            }
        }
    }

    private static ComplianceIssue? Dated(ComplianceCheck check, string what, DateOnly expires, DateOnly today)
    {
        var daysLeft = expires.DayNumber - today.DayNumber;
        if (daysLeft <= 0)
        {
            return new(check, true, $"{what} expired on {Wording.Date(expires)}", expires);
        }

        return daysLeft <= AlertDaysAhead
            ? new(check, false, $"{what} expires on {Wording.Date(expires)}, in {Wording.Count(daysLeft, "day", "days")}", expires)
            : null;
    }
}
