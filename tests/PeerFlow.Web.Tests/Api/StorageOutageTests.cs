using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PeerFlow.Domain.Email;
using static PeerFlow.Web.Tests.Api.ApiAssert;

namespace PeerFlow.Web.Tests.Api;

/// <summary>
/// A storage outage (every connection to Azurite reset, through <see cref="StorageProxy"/>): health says so, pages and
/// the API answer a clear 503 to try again, nothing stored before is lost, and once storage is back the app, the engine
/// and the background work carry on by themselves, without a restart.
/// </summary>
public sealed class StorageOutageTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task WhileStorageIsUnreachable_HealthPagesAndApiSay503_AndAfterwardsEverythingCarriesOnByItself()
    {
        await using var proxy = new StorageProxy(Environment.GetEnvironmentVariable("PEERFLOW_STORAGE")
            ?? throw new InvalidOperationException("PEERFLOW_STORAGE is not set: run the tests with ./peerflow test."));
        await using var app = new ApiApp { Storage = proxy.ConnectionString, EasyAuth = false };
        using var http = app.CreateClient();
        var before = await ReferAsync(http, "before.outage@example.com");
        await MailAsync(app, EmailTemplateNames.ReferralReceived, "before.outage@example.com", Patience);

        proxy.Cut();

        await Eventually(async () => (await http.GetAsync("/healthz")).StatusCode == HttpStatusCode.ServiceUnavailable, "healthz to report the outage", Patience);
        var health = await http.GetAsync("/healthz");
        Assert.Equal("unreachable", (await JsonAsync(health, HttpStatusCode.ServiceUnavailable)).GetProperty("storage").GetString());
        Assert.NotNull(health.Headers.RetryAfter);

        var list = await http.GetAsync("/api/referrals");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, list.StatusCode);
        Assert.Equal("application/problem+json", list.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(list.Headers.RetryAfter);

        var page = await http.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Contains("cannot reach its records", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var refused = await http.PostAsync("/api/referrals", Json(Referral("during.outage@example.com")));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);

        proxy.Restore();

        await Eventually(async () => (await http.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK, "healthz to recover", Patience);
        var after = await ReferAsync(http, "after.outage@example.com");
        // The engine polled through the outage and came back by itself: a new referral is acknowledged.
        await MailAsync(app, EmailTemplateNames.ReferralReceived, "after.outage@example.com", Patience);
        var referrals = await JsonAsync(await http.GetAsync("/api/referrals"), HttpStatusCode.OK);
        var ids = referrals.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Contains(before, ids);
        Assert.Contains(after, ids);

        // The timers that were waiting through the outage still fire: the first referral's assessment falls overdue.
        await JsonAsync(await http.PostAsync("/dev/clock/advance?days=16", null), HttpStatusCode.OK);
        await Eventually(
            async () => (await http.GetStringAsync($"/api/referrals/{before}")).Contains("AssessmentOverdue", StringComparison.Ordinal),
            "the first referral's assessment to fall overdue after the outage",
            Patience);
    }

    private static async Task<string> ReferAsync(HttpClient http, string email)
    {
        var accepted = await JsonAsync(await http.PostAsync("/api/referrals", Json(Referral(email))), HttpStatusCode.Accepted);
        return accepted.GetProperty("id").GetString()!;
    }

    private static JsonObject Referral(string email) => new()
    {
        ["schemeId"] = "foster-mentoring",
        ["kind"] = "Self",
        ["consent"] = true,
        ["name"] = "Robin Outage",
        ["email"] = email,
        ["postcodeDistrict"] = "EX1",
        ["reasonForReferral"] = "Wants to talk to another carer.",
    };
}
