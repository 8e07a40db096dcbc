using System.Net;
using PeerFlow.Domain.Records;
using PeerFlow.Web.Tests.Api;
using static PeerFlow.Web.Tests.Casework.CaseworkHttp;
using static PeerFlow.Web.Tests.Pages.PageForms;

namespace PeerFlow.Web.Tests.Casework;

/// <summary>At intake, staff are warned of another open or recent referral of possibly the same person; the submitter is told nothing.</summary>
public class SamePersonTests
{
    [Fact]
    public async Task ANewReferral_IsLinkedBothWays_ToOpenReferralsOfTheSamePerson_ByEmailPhoneOrNameAndDistrict_AndTheSubmitterIsToldNothing()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var first = await ReferAsync(http, Fostering, "Tom Okafor", "tom.okafor@example.com", "07700 900123", "EX4");

        // The same email under another spelling of the name, in another scheme.
        var byEmail = await ReferAsync(http, PeerLink, "Thomas Okafor", "TOM.OKAFOR@example.com", null, "EX4");
        Assert.DoesNotContain(first.Reference, byEmail.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain(first.Id, byEmail.Answer, StringComparison.Ordinal);

        // No email, the phone typed another way.
        var byPhone = await ReferAsync(http, Fostering, "T Okafor", null, "+44 7700 900123", "EX1");

        // The same name and district, nothing else in common.
        var byName = await ReferAsync(http, Fostering, "Tom Okafor", "another@example.com", null, "EX4");

        // The same name elsewhere: someone else.
        var someoneElse = await ReferAsync(http, Fostering, "Tom Okafor", "tom.o@example.net", null, "TQ1");

        var page = await GetHtmlAsync(http, $"/referrals/{byEmail.Id}");
        Assert.Contains($"Possibly the same person as <a href=\"/referrals/{first.Id}\">{first.Reference}</a>", page, StringComparison.Ordinal);
        Assert.Contains("the same email", page, StringComparison.Ordinal);
        Assert.Contains("the same phone", await GetHtmlAsync(http, $"/referrals/{byPhone.Id}"), StringComparison.Ordinal);
        Assert.Contains("the same name and postcode district", await GetHtmlAsync(http, $"/referrals/{byName.Id}"), StringComparison.Ordinal);
        Assert.DoesNotContain("Possibly the same person", await GetHtmlAsync(http, $"/referrals/{someoneElse.Id}"), StringComparison.Ordinal);

        // Both ways: the first referral names every later one.
        var links = (await app.Store.PersonLinks.PartitionAsync(first.Id, default)).Select(l => l.Value.OtherReferralId).ToHashSet();
        Assert.Equal(new[] { byEmail.Id, byPhone.Id, byName.Id }.Order(StringComparer.Ordinal), links.Order(StringComparer.Ordinal));
        var firstPage = await GetHtmlAsync(http, $"/referrals/{first.Id}");
        Assert.Contains(byName.Reference, firstPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReferralClosedLongAgo_IsNotARecentOne()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var old = await ReferAsync(http, Fostering, "Ada Lovelace", "ada@example.com", null, "EX4");
        await app.SettleAsync();
        await app.Store.Referrals.UpdateAsync(old.Id, "", r => r with { Stage = ReferralStage.Closed, ClosedAt = Now(app).AddDays(-400) }, PeerFlow.Domain.Referrals.MatchProposals.ReferralColumns, default);

        var again = await ReferAsync(http, Fostering, "Ada Lovelace", "ada@example.com", null, "EX4");

        Assert.DoesNotContain("Possibly the same person", await GetHtmlAsync(http, $"/referrals/{again.Id}"), StringComparison.Ordinal);
        Assert.Empty(await app.Store.PersonLinks.PartitionAsync(again.Id, default));
    }
}
