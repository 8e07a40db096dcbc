using PeerFlow.Web.Actions;

namespace PeerFlow.Web.Tests.Pages;

/// <summary>Which counts of people a report hides, worked by hand.</summary>
public class SmallNumbersTests
{
    [Theory]
    // Nothing small: all shown, zeros too.
    [InlineData(new[] { 5, 0, 12 }, new[] { 5, 0, 12 })]
    // Two small ones hide each other: the total less the rest gives only their sum.
    [InlineData(new[] { 2, 5, 1 }, new[] { -1, 5, -1 })]
    // One small one alone would be the total less the rest: the next smallest (7, not 0) goes with it.
    [InlineData(new[] { 9, 3, 0, 7 }, new[] { 9, -1, 0, -1 })]
    // Alone in its table: nothing else to hide with it.
    [InlineData(new[] { 4 }, new[] { -1 })]
    [InlineData(new[] { 1, 0 }, new[] { -1, 0 })]
    public void SmallCounts_AreHidden_AndALoneOneTakesTheNextSmallestWithIt(int[] counts, int[] expected)
    {
        Assert.Equal(expected.Select(e => e < 0 ? null : (int?)e), SmallNumbers.Shown(counts));
    }
}
