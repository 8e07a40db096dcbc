using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using PeerFlow.Domain.Email;
using static PeerFlow.Web.Tests.Api.ApiAssert;

namespace PeerFlow.Web.Tests.Api;

/// <summary>
/// Referrers hear how a referral goes, with the person's consent, through the real senders into the app's captures:
/// the demo fostering scheme sends every update and texts.
/// </summary>
public class ReferrerUpdateTests
{
    private static readonly JsonObject Profile = new() { ["postcodeDistrict"] = "EX2", ["availability"] = new JsonArray("evenings"), ["interests"] = new JsonArray("outdoors") };

    [Fact]
    public async Task WithConsent_TheProfessionalReferrerIsEmailedOnAssessment_WithTheReferenceAndStageOnly_AndWithoutConsentNobodyIs()
    {
        await using var app = new ApiApp { EasyAuth = false };
        using var http = app.CreateClient();
        var (id, reference) = await ReferAsync(http, "Morgan Ellis", "kim.worker@example.org", updates: true);
        var (quietId, quietReference) = await ReferAsync(http, "Dana Quill", "lee.worker@example.org", updates: false);

        await AssessAsync(http, id);
        await AssessAsync(http, quietId);

        var update = await MailAsync(app, EmailTemplateNames.ReferrerUpdate, "kim.worker@example.org");
        Assert.Equal($"Referral {reference}: assessed", update.Summary.Subject);
        Assert.StartsWith("Hello Kim,", update.Text, StringComparison.Ordinal);
        Assert.Contains("we are now looking for a suitable mentor", update.Text, StringComparison.Ordinal);
        Assert.Contains("Priya Shah", update.Text, StringComparison.Ordinal); // who to contact
        Assert.DoesNotContain("Morgan", update.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("EX2", update.Text, StringComparison.Ordinal);

        await app.SettleAsync();
        Assert.DoesNotContain(await app.Mail.ListAsync(), m => m.Template == EmailTemplateNames.ReferrerUpdate && m.Subject.Contains(quietReference, StringComparison.Ordinal));
        var stored = (await app.Store.Referrals.GetAsync(id, "", CancellationToken.None))!.Value;
        Assert.True(stored.ReferrerUpdates);
    }

    [Fact]
    public async Task APhoneOnlySelfReferral_IsTextedItsUpdate()
    {
        await using var app = new ApiApp { EasyAuth = false };
        using var http = app.CreateClient();
        // Daytime tomorrow, whatever time the test runs: texts wait for the end of quiet hours at night.
        var now = (await JsonAsync(await http.GetAsync("/dev/clock"), HttpStatusCode.OK)).GetProperty("now").GetDateTimeOffset();
        await JsonAsync(await http.PostAsync("/dev/clock/advance?to=" + Uri.EscapeDataString(new DateTimeOffset(now.UtcDateTime.Date.AddDays(1).AddHours(11), TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture)), null), HttpStatusCode.OK);
        var referral = await JsonAsync(await http.PostAsync("/api/referrals", Json(new JsonObject
        {
            ["schemeId"] = "foster-mentoring",
            ["kind"] = "Self",
            ["consent"] = true,
            ["referrerUpdates"] = true,
            ["name"] = "Robin Hale",
            ["mobile"] = "07700 900555",
            ["textConsent"] = true,
            ["preferredChannel"] = "Sms",
            ["postcodeDistrict"] = "EX2",
        })), HttpStatusCode.Accepted);
        var id = referral.GetProperty("id").GetString()!;
        var reference = referral.GetProperty("reference").GetString()!;

        await AssessAsync(http, id);

        var text = await Eventually(
            async () => (await app.Texts.ListAsync()).FirstOrDefault(t => t.To == "+447700900555" && t.Template == EmailTemplateNames.ReferrerUpdate),
            "the update by text");
        Assert.StartsWith($"Robin, an update on referral {reference} (Foster Carer Mentoring): assessed; we are now looking for a mentor.", text.Body, StringComparison.Ordinal);
    }

    private static async Task<(string Id, string Reference)> ReferAsync(HttpClient http, string name, string referrerEmail, bool updates)
    {
        var accepted = await JsonAsync(await http.PostAsync("/api/referrals", Json(new JsonObject
        {
            ["schemeId"] = "foster-mentoring",
            ["kind"] = "Professional",
            ["consent"] = true,
            ["referrerUpdates"] = updates,
            ["name"] = name,
            ["phone"] = "01632 960 999",
            ["postcodeDistrict"] = "EX2",
            ["reasonForReferral"] = "Newly approved carers.",
            ["referrerName"] = referrerEmail.StartsWith("kim", StringComparison.Ordinal) ? "Kim Worker" : "Lee Worker",
            ["referrerEmail"] = referrerEmail,
            ["referrerSector"] = "SocialWorker",
        })), HttpStatusCode.Accepted);
        var id = accepted.GetProperty("id").GetString()!;
        var view = await JsonAsync(await http.GetAsync($"/api/referrals/{id}"), HttpStatusCode.OK);
        Assert.Equal("SocialWorker", view.GetProperty("referrerSector").GetString());
        return (id, accepted.GetProperty("reference").GetString()!);
    }

    private static async Task AssessAsync(HttpClient http, string id)
    {
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/referrals/{id}/assessment", Json(new JsonObject
        {
            ["outcome"] = "suitable",
            ["profile"] = Profile.DeepClone(),
        }))).StatusCode);
        await Eventually(async () => (await JsonAsync(await http.GetAsync($"/api/referrals/{id}"), HttpStatusCode.OK)).GetProperty("stage").GetString() == "Matching", "the referral in matching");
    }
}
