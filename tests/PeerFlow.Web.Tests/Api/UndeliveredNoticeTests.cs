using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PeerFlow.Domain.Email;
using static PeerFlow.Web.Tests.Api.ApiAssert;

namespace PeerFlow.Web.Tests.Api;

/// <summary>
/// Through HTTP on Azurite, with the real SendGrid sender and the development stand-in, which refuses addresses at
/// the reserved .invalid domain as SendGrid refuses an address it will not send to.
/// </summary>
public class UndeliveredNoticeTests
{
    private const string Coordinator = "fostering.coordinator@example.org";

    [Fact]
    public async Task ARefusedAddress_ShowsAsNotDelivered_TellsTheCoordinator_NeverStopsTheReferral_AndStaffDealWithIt()
    {
        await using var app = new ApiApp { EasyAuth = false };
        using var http = app.CreateClient();
        var referral = await JsonAsync(await http.PostAsync("/api/referrals", Json(new JsonObject
        {
            ["schemeId"] = "foster-mentoring",
            ["kind"] = "Self",
            ["consent"] = true,
            ["name"] = "Casey Brook",
            ["email"] = "casey@bounced.invalid",
            ["postcodeDistrict"] = "EX2",
            ["reasonForReferral"] = "Newly approved and would value support.",
        })), HttpStatusCode.Accepted);
        var id = referral.GetProperty("id").GetString()!;
        var reference = referral.GetProperty("reference").GetString()!;

        var listed = Parse(await Eventually(async () => Listed(await UndeliveredAsync(http), id)?.GetRawText(), "the refused acknowledgement among undelivered notices"));
        Assert.Equal("ReferralReceived", listed.GetProperty("code").GetString());
        Assert.Equal(reference, listed.GetProperty("reference").GetString());
        Assert.Contains("refused the email to the referrer (400)", listed.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("casey", listed.GetRawText(), StringComparison.OrdinalIgnoreCase); // ids and codes, never the address
        var key = listed.GetProperty("key").GetString()!;

        // The coordinator's own copy of the notice still went, and one alert says what did not.
        // The alert goes after the notice is marked undelivered (and listed), so it is waited for.
        var mail = await Eventually(
            async () => await app.Mail.ListAsync() is var all && all.Any(m => m.Subject == $"A notice about {reference} was not delivered") ? all : null,
            "the alert that the notice was not delivered");
        Assert.Single(mail, m => m.Template == EmailTemplateNames.ReferralReceivedCoordinator && m.To.Contains(Coordinator));
        Assert.Single(mail, m => m.To.Contains(Coordinator) && m.Subject == $"A notice about {reference} was not delivered");

        // The referral goes on: its workflow runs and its deadlines stand.
        await Eventually(async () => Parse(await http.GetStringAsync($"/api/referrals/{id}")).GetProperty("scheduled").GetArrayLength() > 0, "the assessment deadlines");
        var view = Parse(await http.GetStringAsync($"/api/referrals/{id}"));
        Assert.Equal("Running", view.GetProperty("workflowStatus").GetString());
        Assert.Contains(view.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("kind").GetString() == "NoticeUndelivered");

        // Staff see it on the dashboard and on the referral, with what they can do.
        Assert.Contains("1 notice not delivered", await http.GetStringAsync("/dashboard"), StringComparison.Ordinal);
        var page = await http.GetStringAsync($"/referrals/{id}");
        Assert.Contains("Try again", page, StringComparison.Ordinal);
        Assert.Contains("Dealt with another way (by phone)", page, StringComparison.Ordinal);

        // Tried again, it is refused again; then recorded as dealt with by phone, it leaves the list.
        var retry = $"/api/referrals/{id}/notices/{Uri.EscapeDataString(key)}";
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync(retry + "/retry", null)).StatusCode);
        await Eventually(
            async () => Listed(await UndeliveredAsync(http), id) is { } again && again.GetProperty("attempts").GetInt32() == 1 && await AlertsAsync(app, reference) == 2,
            "the retried notice refused again, with a second alert");
        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync(retry + "/handled", null)).StatusCode);
        await ProblemAsync(await http.PostAsync(retry + "/handled", null), HttpStatusCode.Conflict);
        Assert.Null(Listed(await UndeliveredAsync(http), id));
        await ProblemAsync(await http.PostAsync($"/api/referrals/{id}/notices/no-such-key/retry", null), HttpStatusCode.NotFound);
    }

    private static async Task<int> AlertsAsync(ApiApp app, string reference) =>
        (await app.Mail.ListAsync()).Count(m => m.Subject == $"A notice about {reference} was not delivered");

    private static async Task<JsonElement> UndeliveredAsync(HttpClient http) => Parse(await http.GetStringAsync("/api/notices/undelivered"));

    private static JsonElement? Listed(JsonElement list, string referralId) =>
        list.EnumerateArray().Where(n => n.GetProperty("referralId").GetString() == referralId).Select(n => (JsonElement?)n).FirstOrDefault();

    private static JsonElement Parse(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
