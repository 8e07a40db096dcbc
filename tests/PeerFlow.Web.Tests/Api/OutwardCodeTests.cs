using PeerFlow.Web.Actions;

namespace PeerFlow.Web.Tests.Api;

/// <summary>People type whole postcodes; only the first half is kept.</summary>
public class OutwardCodeTests
{
    [Theory]
    [InlineData("EX1 1AA", "EX1")]
    [InlineData("ex11aa", "EX1")]
    [InlineData(" tq12 4xy ", "TQ12")]
    [InlineData("SW1A 1AA", "SW1A")]
    [InlineData("M1 1AE", "M1")]
    [InlineData("EX1", "EX1")]
    [InlineData("not a postcode", "not a postcode")]
    [InlineData(null, null)]
    public void KeepsTheDistrictOfAFullPostcode_AndLeavesAnythingElseForTheValidator(string? typed, string? kept) =>
        Assert.Equal(kept, Submissions.OutwardCode(typed));
}
