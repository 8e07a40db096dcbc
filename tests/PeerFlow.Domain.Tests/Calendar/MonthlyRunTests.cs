using PeerFlow.Domain.Calendar;

namespace PeerFlow.Domain.Tests.Calendar;

public class MonthlyRunTests
{
    [Theory]
    // In winter (GMT) 09:00 London is 09:00 UTC; in summer (BST) it is 08:00 UTC.
    [InlineData("2026-11-29T12:00:00Z", "2026-12-01T09:00:00Z", "2026-11")]
    [InlineData("2026-12-01T08:59:00Z", "2026-12-01T09:00:00Z", "2026-11")]
    [InlineData("2026-12-01T09:00:00Z", "2027-01-01T09:00:00Z", "2026-12")]
    [InlineData("2027-03-15T10:00:00Z", "2027-04-01T08:00:00Z", "2027-03")]
    [InlineData("2027-06-30T23:30:00Z", "2027-07-01T08:00:00Z", "2027-06")]
    [InlineData("2027-10-05T10:00:00Z", "2027-11-01T09:00:00Z", "2027-10")]
    public void NextRun_IsTheFirstOfTheMonthAtNineInLondon_AboutTheMonthBefore(string now, string expectedRun, string expectedMonth)
    {
        var run = MonthlyRun.NextRunUtc(DateTime.Parse(now, null, System.Globalization.DateTimeStyles.AdjustToUniversal));

        Assert.Equal(DateTime.Parse(expectedRun, null, System.Globalization.DateTimeStyles.AdjustToUniversal), run);
        Assert.Equal(expectedMonth, MonthlyRun.ReportedMonth(run));
    }
}
