using PeerFlow.Domain.Sms;

namespace PeerFlow.Domain.Tests.Sms;

public class UkMobileTests
{
    [Theory]
    [InlineData("07700 900123", "+447700900123")]
    [InlineData("07700900123", "+447700900123")]
    [InlineData("+44 7700 900123", "+447700900123")]
    [InlineData("+447700900123", "+447700900123")]
    [InlineData("0044 7700 900123", "+447700900123")]
    [InlineData("+44 (0)7700 900123", "+447700900123")]
    [InlineData(" 07700-900-123 ", "+447700900123")]
    [InlineData("(07700) 900.123", "+447700900123")]
    public void UkMobilesAsPeopleWriteThem_BecomeE164(string written, string e164)
    {
        Assert.True(UkMobile.TryNormalise(written, out var normalised));
        Assert.Equal(e164, normalised);
    }

    [Theory]
    [InlineData("01632 960114")] // a landline cannot take a text
    [InlineData("+33 6 12 34 56 78")] // another country
    [InlineData("0770090012")] // a digit short
    [InlineData("077009001234")] // a digit long
    [InlineData("7700900123")] // no 0 or country code: ambiguous
    [InlineData("07700 900123 ext 2")]
    [InlineData("07700+900123")]
    [InlineData("")]
    [InlineData(null)]
    public void AnythingElse_IsRefused(string? written)
    {
        Assert.False(UkMobile.TryNormalise(written, out var normalised));
        Assert.Null(normalised);
    }

    [Fact]
    public void Display_IsTheNationalForm() => Assert.Equal("07700 900123", UkMobile.Display("+447700900123"));
}
