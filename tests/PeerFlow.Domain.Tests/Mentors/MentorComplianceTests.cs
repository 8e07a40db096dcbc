using PeerFlow.Domain.Calendar;
using PeerFlow.Domain.Mentors;
using PeerFlow.Domain.Records;

namespace PeerFlow.Domain.Tests.Mentors;

public class MentorComplianceTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    private static Mentor Valid => new()
    {
        Id = "m1",
        SchemeId = "s",
        Name = "Ana",
        Email = "ana@example.org",
        DbsCheckExpires = Today.AddDays(365),
        TrainingCompleted = true,
        TrainingExpires = Today.AddDays(365),
        LastSupervisionOn = Today.AddDays(-10),
        ActiveMatches = 1,
    };

    [Fact]
    public void AMentorWithEverythingInDate_HasNoIssues()
    {
        Assert.Empty(MentorCompliance.Issues(Valid, 42, Today));
    }

    [Fact]
    public void AMissingOrLapsedCheck_IsLapsed_AndNeedsADecisionOnCurrentMatches()
    {
        var issues = MentorCompliance.Issues(Valid with { DbsCheckExpires = Today, TrainingCompleted = false }, 42, Today);

        Assert.Equal(
            [(ComplianceCheck.Dbs, true, "DBS check expired on 7 December 2026"), (ComplianceCheck.Training, true, "Training not completed")],
            issues.Select(i => (i.Check, i.Lapsed, i.Text)));
        Assert.True(MentorCompliance.NeedsDecision(issues));
        Assert.Equal("No DBS check on record", Assert.Single(MentorCompliance.Issues(Valid with { DbsCheckExpires = null }, 42, Today)).Text);
    }

    [Fact]
    public void ACheckRunningOutWithin30Days_Warns_WithoutBlocking()
    {
        var issues = MentorCompliance.Issues(Valid with { TrainingExpires = Today.AddDays(30) }, 42, Today);

        var issue = Assert.Single(issues);
        Assert.Equal((ComplianceCheck.Training, false, "Training expires on 6 January 2027, in 30 days"), (issue.Check, issue.Lapsed, issue.Text));
        Assert.False(MentorCompliance.NeedsDecision(issues));
        Assert.Empty(MentorCompliance.Issues(Valid with { TrainingExpires = Today.AddDays(31) }, 42, Today));
    }

    [Theory]
    [InlineData(-42, 1, null)]
    [InlineData(-43, 1, "Supervision overdue since 6 December 2026")]
    [InlineData(-100, 0, null)]
    public void SupervisionIsOwed_AtTheSchemesCadence_WhileTheMentorSupportsAFamily(int lastDaysAgo, int activeMatches, string? expected)
    {
        var mentor = Valid with { LastSupervisionOn = Today.AddDays(lastDaysAgo), ActiveMatches = activeMatches };

        Assert.Equal(expected, MentorCompliance.Issues(mentor, 42, Today).SingleOrDefault()?.Text);
        Assert.Empty(MentorCompliance.Issues(mentor, 0, Today));
    }

    [Fact]
    public void AMentorSupportingAFamily_WithNoSupervisionLogged_IsOwedOne()
    {
        var issue = Assert.Single(MentorCompliance.Issues(Valid with { LastSupervisionOn = null }, 42, Today));

        Assert.Equal((ComplianceCheck.Supervision, "No supervision logged"), (issue.Check, issue.Text));
        Assert.False(MentorCompliance.NeedsDecision([issue]));
    }

    [Theory]
    [InlineData(31, null)]
    [InlineData(30, "dbs:2027-01-06:ahead")]
    [InlineData(1, "dbs:2026-12-08:ahead")]
    [InlineData(0, "dbs:2026-12-07:lapsed")]
    [InlineData(-200, "dbs:2026-05-21:lapsed")]
    public void TheTellingsDue_Are30DaysAheadUntilTheDay_ThenOnTheDayFromThenOn(int daysLeft, string? key)
    {
        var alerts = MentorCompliance.AlertsDue(Valid with { DbsCheckExpires = Today.AddDays(daysLeft) }, Today);

        Assert.Equal(key, alerts.SingleOrDefault()?.Key);
        Assert.Empty(MentorCompliance.AlertsDue(Valid with { DbsCheckExpires = Today.AddDays(daysLeft), Active = false }, Today));
    }

    [Fact]
    public void TrainingNotCompleted_HasNoDatedTelling()
    {
        Assert.Empty(MentorCompliance.AlertsDue(Valid with { TrainingCompleted = false, TrainingExpires = Today }, Today));
    }

    [Theory]
    [InlineData("2026-12-06T07:59:00Z", "2026-12-06T08:00:00Z")]
    [InlineData("2026-12-06T08:00:00Z", "2026-12-07T08:00:00Z")]
    [InlineData("2027-03-27T09:00:00Z", "2027-03-28T07:00:00Z")]
    [InlineData("2027-10-30T12:00:00Z", "2027-10-31T08:00:00Z")]
    public void TheDailyRun_Is0800London_AcrossClockChanges(string after, string expected)
    {
        var next = DailyRun.NextRunUtc(DateTime.Parse(after, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal), new TimeOnly(8, 0));

        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal), next);
        Assert.Equal(DateTimeKind.Utc, next.Kind);
    }
}
