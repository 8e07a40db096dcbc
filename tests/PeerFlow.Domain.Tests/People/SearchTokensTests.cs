using PeerFlow.Domain.People;
using PeerFlow.Domain.Records;

namespace PeerFlow.Domain.Tests.People;

/// <summary>A person's details and a search are cut into the same tokens, whichever way people type them.</summary>
public sealed class SearchTokensTests
{
    private static readonly Person Tom = new()
    {
        ReferralId = "r1", Role = PersonRole.Mentee, Name = "Tom Okafor-Brown", Email = "Tom.Okafor@Example.com", Phone = "07700 900123", PostcodeDistrict = "ex4",
    };

    [Fact]
    public void APerson_IsIndexedByEachNameWord_Email_PhoneDigits_AndDistrict() =>
        Assert.Equal(
            ["n:tom", "n:okafor", "n:brown", "e:tom.okafor@example.com", "t:07700900123", "p:EX4", "w:tom@EX4", "w:okafor@EX4", "w:brown@EX4"],
            SearchTokens.Of(Tom).Select(t => t.Key));

    [Fact]
    public void TheMobileForTexts_IsFoundLikeAnyPhoneNumber() =>
        Assert.Contains("t:07700900456", SearchTokens.Of(Tom with { Mobile = "+447700900456" }).Select(t => t.Key));

    [Theory]
    [InlineData("+44 7700 900123")]
    [InlineData("+44 (0)7700 900123")]
    [InlineData("0044 7700 900 123")]
    [InlineData("07700-900-123")]
    public void APhoneNumber_TypedAnyWay_IsTheSameToken(string typed) =>
        Assert.Equal("t:07700900123", Assert.Single(SearchTokens.OfQuery(typed)).Key);

    [Fact]
    public void AQuery_MixesNamesDistrictsAndEmails_AndDropsTheInwardHalfOfAPostcode() =>
        Assert.Equal(["n:okafor", "p:EX4", "e:tom@example.com"], SearchTokens.OfQuery("Okafor EX4 1AA tom@EXAMPLE.com").Select(t => t.Key));

    [Fact]
    public void AccentsAndApostrophes_DoNotMatter() =>
        Assert.Equal(["n:zoe", "n:obrien"], SearchTokens.OfQuery("Zoë O'Brien").Select(t => t.Key));

    [Fact]
    public void NothingSearchable_GivesNoTokens() =>
        Assert.Empty(SearchTokens.OfQuery("a - ."));
}
