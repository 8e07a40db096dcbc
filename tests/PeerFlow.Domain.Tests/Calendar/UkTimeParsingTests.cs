using PeerFlow.Domain.Calendar;

namespace PeerFlow.Domain.Tests.Calendar;

/// <summary>A time typed without an offset is UK time, as a coordinator reads the clock; one with an offset means what it says.</summary>
public sealed class UkTimeParsingTests
{
    [Theory]
    [InlineData("2026-07-01T10:30", "2026-07-01T09:30:00Z")] // British Summer Time
    [InlineData("2026-12-01 10:30", "2026-12-01T10:30:00Z")] // GMT
    [InlineData("2026-07-01T10:30:00+02:00", "2026-07-01T08:30:00Z")]
    [InlineData("2026-07-01T10:30:00Z", "2026-07-01T10:30:00Z")]
    public void ParsesLocalAndOffsetTimes(string typed, string utc) =>
        Assert.Equal(DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal), UkTime.ParseInstant(typed));

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-13-01T10:30")]
    [InlineData("2026-03-29T01:30")] // the hour the clocks skip
    public void RefusesWhatIsNotATime(string typed) => Assert.Null(UkTime.ParseInstant(typed));
}
