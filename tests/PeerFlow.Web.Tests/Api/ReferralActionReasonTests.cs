using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using static PeerFlow.Web.Tests.Api.ApiAssert;
using static PeerFlow.Web.Tests.Pages.PageForms;

namespace PeerFlow.Web.Tests.Api;

/// <summary>
/// Closure and breakdown reasons come from the referral's own scheme (organisation.json): Peer Link has a closure
/// reason of its own, "placement-disrupted"; Foster Carer Mentoring has the default reasons.
/// </summary>
public class ReferralActionReasonTests
{
    private const string Fostering = "foster-mentoring";
    private const string PeerLink = "peer-link";
    private const string PeerLinkOwnReason = "placement-disrupted";

    [Fact]
    public async Task SchemesOwnClosureReason_IsAcceptedForItsScheme_AndIsOtherWithANote_ForASchemeWithoutIt()
    {
        await using var app = new ApiApp { EasyAuth = false };
        using var http = app.CreateClient();
        var adoption = await ReferAsync(http, PeerLink);
        var fostering = await ReferAsync(http, Fostering);

        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/referrals/{adoption}/closure", Json($$"""{"reason":"{{PeerLinkOwnReason}}"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/referrals/{fostering}/closure", Json($$"""{"reason":"{{PeerLinkOwnReason}}"}"""))).StatusCode);

        var closedAdoption = await ClosedAsync(http, adoption);
        Assert.Equal(PeerLinkOwnReason, closedAdoption.GetProperty("closureReason").GetString());
        Assert.DoesNotContain(Texts(closedAdoption), t => t.StartsWith("Reason for closing", StringComparison.Ordinal));

        var closedFostering = await ClosedAsync(http, fostering);
        Assert.Equal("other", closedFostering.GetProperty("closureReason").GetString());
        Assert.Contains("Reason for closing: " + PeerLinkOwnReason, Texts(closedFostering));
    }

    [Fact]
    public async Task ReferralPage_OffersTheReferralsSchemesClosureReasons_AndClosesWithOne()
    {
        await using var app = new ApiApp { EasyAuth = false };
        using var http = Browser(app);
        var adoption = await ReferAsync(http, PeerLink);
        var fostering = await ReferAsync(http, Fostering);

        var adoptionPage = await GetHtmlAsync(http, $"/referrals/{adoption}");
        var fosteringPage = await GetHtmlAsync(http, $"/referrals/{fostering}");
        Assert.Contains($"value=\"{PeerLinkOwnReason}\"", adoptionPage, StringComparison.Ordinal);
        Assert.Contains("The child&#x27;s placement ended (disruption)", adoptionPage, StringComparison.Ordinal);
        Assert.DoesNotContain(PeerLinkOwnReason, fosteringPage, StringComparison.Ordinal);
        foreach (var page in new[] { adoptionPage, fosteringPage })
        {
            Assert.Contains("value=\"planned-end\"", page, StringComparison.Ordinal);
            Assert.Contains("value=\"other\"", page, StringComparison.Ordinal);
        }

        var closed = await PostAsync(http, $"/referrals/{adoption}?handler=Closure", adoptionPage, [new("Closure.Reason", PeerLinkOwnReason)]);
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Equal(PeerLinkOwnReason, (await ClosedAsync(http, adoption)).GetProperty("closureReason").GetString());
    }

    private static async Task<string> ReferAsync(HttpClient http, string scheme)
    {
        var body = new JsonObject
        {
            ["schemeId"] = scheme,
            ["kind"] = "Self",
            ["consent"] = true,
            ["name"] = "Jamie Fox",
            ["email"] = "jamie.fox@example.com",
            ["postcodeDistrict"] = "EX4",
        };
        return (await JsonAsync(await http.PostAsync("/api/referrals", Json(body)), HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> ClosedAsync(HttpClient http, string id)
    {
        JsonElement view = default;
        await Eventually(
            async () =>
            {
                view = await JsonAsync(await http.GetAsync($"/api/referrals/{id}"), HttpStatusCode.OK);
                return view.GetProperty("stage").GetString() == "Closed";
            },
            $"referral {id} to close");
        return view;
    }

    private static List<string> Texts(JsonElement view) =>
        [.. view.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("text").GetString()!)];
}
