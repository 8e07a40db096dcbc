using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using static PeerFlow.Web.Tests.Api.ApiAssert;

namespace PeerFlow.Web.Tests.Api;

/// <summary>
/// A flood of anonymous posts from one address: refused before it stores or sends anything, nothing else slowed. The
/// limits' clock stands still, so no token refills while a busy machine works through the test.
/// </summary>
public class PublicPostLimitTests
{
    [Fact]
    public async Task AFloodFromOneAddress_IsAskedToWait_StoresNothingMore_AndStaffAndOtherAddressesGoOn()
    {
        await using var app = new ApiApp { PublicPostBurst = 5, LimiterTime = new FakeTimeProvider(DateTimeOffset.UtcNow) };
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Remove(PeerFlow.Web.SignIn.ClientPrincipal.Header); // the public, not signed in
        using var staff = app.CreateClient();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++)
        {
            answers.Add(await http.SendAsync(Referral("203.0.113.7", $"flood{i}@example.com")));
        }

        Assert.Equal(5, answers.Count(a => a.StatusCode == HttpStatusCode.Accepted));
        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(3, refused.Count);
        Assert.All(refused, r => Assert.True(r.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After in seconds"));
        await ProblemAsync(refused[0], HttpStatusCode.TooManyRequests);

        // Only what was accepted is stored; the refused never reached intake.
        Assert.Equal(5, (await app.Store.Referrals.ScanAsync(null, CancellationToken.None)).Count);

        // Another address, and staff, go on as before.
        Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(Referral("198.51.100.20", "other@example.com"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/api/referrals")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await staff.SendAsync(Referral("203.0.113.7", "by-phone@example.com"))).StatusCode); // staff entering a referral taken by phone

        // A forged X-Forwarded-For before the proxy's own entry changes nothing: the last entry is the one trusted.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await http.SendAsync(Referral("10.9.9.9, 203.0.113.7", "forged@example.com"))).StatusCode);
    }

    [Fact]
    public async Task AFloodAtOneSchemeFromManyAddresses_IsAskedToWait_OtherSchemesAndStaffGoOn_AndStaffSeeACount()
    {
        await using var app = new ApiApp { SchemePostBurst = 4, LimiterTime = new FakeTimeProvider(DateTimeOffset.UtcNow) };
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Remove(PeerFlow.Web.SignIn.ClientPrincipal.Header);
        using var staff = app.CreateClient();
        using var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        browser.DefaultRequestHeaders.Remove(PeerFlow.Web.SignIn.ClientPrincipal.Header);
        Assert.DoesNotContain("refused in the last 24 h", await (await staff.GetAsync("/dashboard")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 7; i++)
        {
            answers.Add(await http.SendAsync(Referral($"203.0.113.{i + 1}", $"flood{i}@example.com")));
        }

        Assert.Equal(4, answers.Count(a => a.StatusCode == HttpStatusCode.Accepted));
        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(3, refused.Count);
        Assert.All(refused, r => Assert.True(r.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After in seconds"));
        await ProblemAsync(refused[0], HttpStatusCode.TooManyRequests);
        Assert.Equal(4, (await app.Store.Referrals.ScanAsync(null, CancellationToken.None)).Count);

        // The form says so and keeps what was typed, with the same status and wait.
        var page = await Pages.PageForms.GetHtmlAsync(browser, "/refer/self");
        var form = await Pages.PageForms.PostAsync(browser, "/refer/self", page,
        [
            new("Input.SchemeId", "foster-mentoring"), new("Input.Consent", "yes"), new("Input.Name", "Robin Vale"), new("Input.Email", "robin.vale@example.com"),
            new("Input.Phone", ""), new("Input.PostcodeDistrict", "EX2"), new("Input.ReasonForReferral", "Would value support"),
        ]);
        Assert.Equal(HttpStatusCode.TooManyRequests, form.StatusCode);
        Assert.NotNull(form.Headers.RetryAfter);
        var shown = await form.Content.ReadAsStringAsync();
        Assert.Contains("receiving more referrals than usual", shown, StringComparison.Ordinal);
        Assert.Contains("Robin Vale", shown, StringComparison.Ordinal);

        // Another scheme, and staff, go on as before; staff see one count, not an alert per refusal.
        Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(Referral("198.51.100.20", "other@example.com", "peer-link"))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await staff.SendAsync(Referral("203.0.113.9", "by-phone@example.com"))).StatusCode);
        Assert.Contains("4 referral posts refused in the last 24 h", await (await staff.GetAsync("/dashboard")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static HttpRequestMessage Referral(string forwardedFor, string email, string scheme = "foster-mentoring")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/referrals")
        {
            Content = Json(new JsonObject
            {
                ["schemeId"] = scheme,
                ["kind"] = "Self",
                ["consent"] = true,
                ["name"] = "Casey Brook",
                ["email"] = email,
                ["postcodeDistrict"] = "EX2",
                ["reasonForReferral"] = "Newly approved and would value support.",
            }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return request;
    }
}
