using PeerFlow.Domain.Email;

namespace PeerFlow.Domain.Tests.Email;

public class EmailAddressesTests
{
    [Theory]
    [InlineData("sam@example.org")]
    [InlineData("sam.taylor+peerflow@mail.example.co.uk")]
    [InlineData("o'neill@example.org")]
    [InlineData("zoe@bücher.example")]
    public void A_single_bare_address_is_accepted(string address) => Assert.True(EmailAddresses.IsValid(address));

    [Theory]
    [InlineData("sam@example.org\r\nBcc: everyone@example.org")]
    [InlineData("sam@example.org\n")]
    [InlineData("sam\t@example.org")]
    [InlineData("sam@exam\u0000ple.org")]
    [InlineData("Sam Taylor <sam@example.org>")]
    [InlineData("\"Sam\" sam@example.org")]
    [InlineData("sam@example.org, ann@example.org")]
    [InlineData("sam@example.org;ann@example.org")]
    [InlineData("sam@ann@example.org")]
    [InlineData("sam@localhost")]
    [InlineData("sam.@example.org")]
    [InlineData("sa..m@example.org")]
    [InlineData("@example.org")]
    [InlineData("sam@-example.org")]
    [InlineData("sam@example")]
    [InlineData("")]
    public void Anything_more_or_less_than_one_bare_address_is_refused(string address) => Assert.False(EmailAddresses.IsValid(address));

    [Fact]
    public void A_40000_character_address_is_refused() =>
        Assert.False(EmailAddresses.IsValid(new string('a', 40_000) + "@example.org"));
}
