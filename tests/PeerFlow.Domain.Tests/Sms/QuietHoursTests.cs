using PeerFlow.Domain.Sms;

namespace PeerFlow.Domain.Tests.Sms;

/// <summary>Quiet hours are London wall-clock times; every instant is passed in, so no test reads a clock.</summary>
public class QuietHoursTests
{
    private static readonly QuietHours Night = new(new TimeOnly(21, 0), new TimeOnly(8, 0));

    [Theory]
    [InlineData("2026-12-07T20:59:00Z", null)] // winter: London is UTC
    [InlineData("2026-12-07T21:00:00Z", "2026-12-08T08:00:00Z")]
    [InlineData("2026-12-07T23:30:00Z", "2026-12-08T08:00:00Z")]
    [InlineData("2026-12-08T03:00:00Z", "2026-12-08T08:00:00Z")]
    [InlineData("2026-12-08T08:00:00Z", null)]
    [InlineData("2026-07-01T19:59:00Z", null)] // summer: 20:59 in London
    [InlineData("2026-07-01T20:00:00Z", "2026-07-02T07:00:00Z")] // 21:00 BST until 08:00 BST
    public void TextsThatCanWait_AreHeldUntilTheQuietHoursEnd(string now, string? until)
    {
        var ends = Night.EndsAfter(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(until is null ? null : DateTimeOffset.Parse(until, System.Globalization.CultureInfo.InvariantCulture), ends);
    }

    [Fact]
    public void OnTheNightTheClocksGoForward_TheEndIsStill0800London()
    {
        // Saturday 28 March 2026 22:00 GMT; the clocks go forward at 01:00 on Sunday 29 March, so 08:00 is 07:00 UTC.
        var ends = Night.EndsAfter(new DateTimeOffset(2026, 3, 28, 22, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 7, 0, 0, TimeSpan.Zero), ends);
    }

    [Fact]
    public void QuietHoursWithinOneDay_AndNone()
    {
        var lunch = new QuietHours(new TimeOnly(12, 0), new TimeOnly(13, 0));
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 13, 0, 0, TimeSpan.Zero), lunch.EndsAfter(new DateTimeOffset(2026, 12, 7, 12, 30, 0, TimeSpan.Zero)));
        Assert.Null(lunch.EndsAfter(new DateTimeOffset(2026, 12, 7, 11, 59, 0, TimeSpan.Zero)));
        Assert.Null(new QuietHours(new TimeOnly(8, 0), new TimeOnly(8, 0)).EndsAfter(new DateTimeOffset(2026, 12, 7, 23, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("21:00", "08:00", true)]
    [InlineData("9pm", "08:00", false)]
    [InlineData("21:00", "24:00", false)]
    public void TheOrganisationFileGivesTimesOfDay(string from, string until, bool valid) =>
        Assert.Equal(valid, QuietHours.TryParse(from, until, out _));
}
