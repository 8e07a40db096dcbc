using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using PeerFlow.Domain.Email;
using PeerFlow.Domain.Notices;
using PeerFlow.Orchestrations.Delivery;
using static PeerFlow.Web.Tests.Api.ApiAssert;

namespace PeerFlow.Web.Tests.Api;

/// <summary>
/// Texts and emails of one notice travel apart, through the real SendGrid and Twilio senders into the app's own
/// captures, with the demo organisation file: the fostering scheme sends texts, and its coordinator and safeguarding
/// lead have mobiles.
/// </summary>
public class TextMessageTests
{
    private const string CoordinatorMobile = "+447700900114";
    private const string LeadMobile = "+447700900116";
    private const string PersonMobile = "+447700900321";

    [Fact]
    public async Task EmailFailingThenRevokedThenBack_TheReferralTakesSignals_ASafeguardingAlertIsTextedAtOnceThenEmailed_AndEveryNoticeGoesOnce()
    {
        await using var app = new ApiApp { EasyAuth = false };
        using var http = app.CreateClient();
        // Daytime tomorrow, whatever time the test runs: a text that can wait would otherwise wait for 08:00.
        var now = (await JsonAsync(await http.GetAsync("/dev/clock"), HttpStatusCode.OK)).GetProperty("now").GetDateTimeOffset();
        await AdvanceToAsync(http, new DateTimeOffset(now.UtcDateTime.Date.AddDays(1).AddHours(11), TimeSpan.Zero));

        // SendGrid fails every call.
        app.EmailFault = () => HttpStatusCode.InternalServerError;
        var referral = await JsonAsync(await http.PostAsync("/api/referrals", Json(new JsonObject
        {
            ["schemeId"] = "foster-mentoring",
            ["kind"] = "Self",
            ["consent"] = true,
            ["name"] = "Robin Hale",
            ["email"] = "robin.hale@example.org",
            ["mobile"] = "07700 900321",
            ["textConsent"] = true,
            ["preferredChannel"] = "Both",
            ["postcodeDistrict"] = "EX2",
            ["reasonForReferral"] = "Newly approved and would value support.",
        })), HttpStatusCode.Accepted);
        var id = referral.GetProperty("id").GetString()!;
        var reference = referral.GetProperty("reference").GetString()!;

        // The acknowledgement's text goes though its email cannot.
        var acknowledged = await Eventually(async () => (await TextsAsync(app, PersonMobile)).FirstOrDefault(), "the acknowledgement by text");
        Assert.StartsWith("Robin, we have your referral to Foster Carer Mentoring", acknowledged.Body, StringComparison.Ordinal);
        Assert.Contains(reference, acknowledged.Body, StringComparison.Ordinal);
        Assert.EndsWith("Questions: Priya Shah, 01632 960 114", acknowledged.Body, StringComparison.Ordinal);

        // A safeguarding concern while email is down: texted at once to the coordinator and the safeguarding lead.
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/referrals/{id}/safeguarding", Json(new JsonObject
        {
            ["details"] = "Bruising noticed at the visit on Tuesday.",
            ["raisedBy"] = "Priya Shah",
        }))).StatusCode);
        var alerts = await Eventually(
            async () => (await app.Texts.ListAsync()).Where(t => t.Template == EmailTemplateNames.SafeguardingAlert && t.Body.Contains(reference, StringComparison.Ordinal)).ToList() is { Count: 2 } both ? both : null,
            "the safeguarding alert texted to the coordinator and the lead");
        Assert.Equal([CoordinatorMobile, LeadMobile], alerts.Select(t => t.To).Order(StringComparer.Ordinal));
        Assert.Contains(alerts, t => t.Body.StartsWith("Priya, a SAFEGUARDING concern", StringComparison.Ordinal));
        Assert.Contains(alerts, t => t.Body.StartsWith("Grace, a SAFEGUARDING concern", StringComparison.Ordinal));
        Assert.All(alerts, t => Assert.DoesNotContain("Bruising", t.Body, StringComparison.Ordinal)); // no more than the email says
        Assert.Empty(await MailAboutAsync(app, reference));
        Assert.True(app.EmailCalls > 0);

        // The key is revoked (401) for a while: the referral still takes its signals.
        app.EmailFault = () => HttpStatusCode.Unauthorized;
        await AdvanceAsync(http, "hours=1");
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/referrals/{id}/assessment", Json(new JsonObject
        {
            ["outcome"] = "suitable",
            ["profile"] = new JsonObject { ["postcodeDistrict"] = "EX2", ["availability"] = new JsonArray("evenings"), ["interests"] = new JsonArray("outdoors") },
        }))).StatusCode);
        await Eventually(async () => (await JsonAsync(await http.GetAsync($"/api/referrals/{id}"), HttpStatusCode.OK)).GetProperty("stage").GetString() == "Matching", "the referral in matching");
        Assert.Empty(await MailAboutAsync(app, reference));

        // SendGrid is back: every notice due goes, each email once, and each text stays sent once.
        app.EmailFault = () => null;
        var outbox = app.Services.GetRequiredService<NoticeOutbox>();
        for (var hour = 0; hour < 6 && (await outbox.ForReferralAsync(id, default)).Any(n => n.State != NoticeState.Delivered); hour++)
        {
            await AdvanceAsync(http, "hours=1");
            await app.SettleAsync();
        }

        var notices = await outbox.ForReferralAsync(id, default);
        Assert.All(notices, n => Assert.Equal(NoticeState.Delivered, n.State));
        Assert.Contains(notices, n => n.Code == "SafeguardingAlert");
        var mail = await MailAboutAsync(app, reference);
        Assert.Equal(mail.Count, mail.Select(m => m.IdempotencyKey).Distinct().Count());
        var alertMail = mail.Where(m => m.Template == EmailTemplateNames.SafeguardingAlert).ToList();
        Assert.Equal(["fostering.coordinator@example.org", "fostering.safeguarding@example.org"], alertMail.SelectMany(m => m.To).Order(StringComparer.Ordinal));
        Assert.All(alertMail, m => Assert.True(m.ReceivedAt > alerts.Max(t => t.ReceivedAt), "the alert's email went after its texts"));
        // Addressed to the lead by name, and ending with the coordinator's name, phone and email.
        var toLead = (await app.Mail.GetAsync(alertMail.Single(m => m.To.Contains("fostering.safeguarding@example.org")).Id))!;
        Assert.StartsWith("Hello Grace,", toLead.Text, StringComparison.Ordinal);
        Assert.Contains("Questions? Contact Priya Shah, coordinator of Foster Carer Mentoring: 01632 960 114 or fostering.coordinator@example.org", toLead.Text, StringComparison.Ordinal);
        Assert.Single(mail, m => m.Template == EmailTemplateNames.ReferralReceived && m.To.Contains("robin.hale@example.org"));
        var texts = (await app.Texts.ListAsync()).Where(t => t.Body.Contains(reference, StringComparison.Ordinal)).ToList();
        Assert.Equal(texts.Count, texts.Select(t => t.IdempotencyKey).Distinct().Count());
        Assert.Equal(2, texts.Count(t => t.Template == EmailTemplateNames.SafeguardingAlert));

        var failed = new List<string>();
        await foreach (var instance in app.Services.GetRequiredService<DurableTaskClient>().GetAllInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Failed] }))
        {
            failed.Add(instance.InstanceId);
        }

        Assert.Empty(failed);
    }

    [Fact]
    public async Task AtNight_TheEmailGoes_AndTheTextWaitsForTheEndOfQuietHours_ThenErasureRemovesTheTextsAndTheirRecords()
    {
        await using var app = new ApiApp { EasyAuth = false };
        using var http = app.CreateClient();
        // 22:00 UTC tomorrow is 22:00 or 23:00 in London: inside the demo scheme's quiet hours (21:00 to 08:00).
        var now = (await JsonAsync(await http.GetAsync("/dev/clock"), HttpStatusCode.OK)).GetProperty("now").GetDateTimeOffset();
        var night = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1).AddHours(22), TimeSpan.Zero);
        await AdvanceToAsync(http, night);
        var referral = await JsonAsync(await http.PostAsync("/api/referrals", Json(new JsonObject
        {
            ["schemeId"] = "foster-mentoring",
            ["kind"] = "Self",
            ["consent"] = true,
            ["name"] = "Robin Hale",
            ["email"] = "robin.night@example.org",
            ["mobile"] = "+44 7700 900322",
            ["textConsent"] = true,
            ["preferredChannel"] = "Both",
        })), HttpStatusCode.Accepted);
        var id = referral.GetProperty("id").GetString()!;
        var reference = referral.GetProperty("reference").GetString()!;

        await MailAsync(app, EmailTemplateNames.ReferralReceived, "robin.night@example.org");
        await app.SettleAsync();
        var outbox = app.Services.GetRequiredService<NoticeOutbox>();
        var acknowledgement = Assert.Single(await outbox.ForReferralAsync(id, default), n => n.Code == "ReferralReceived");
        Assert.Equal(NoticeState.Pending, acknowledgement.State); // its text is still to go
        Assert.Empty(await TextsAsync(app, "+447700900322"));

        // The morning after: the text goes once quiet hours end, and the notice is delivered.
        await AdvanceToAsync(http, night.AddHours(11));
        var text = await Eventually(async () => (await TextsAsync(app, "+447700900322")).SingleOrDefault(), "the acknowledgement by text in the morning");
        Assert.InRange(text.ReceivedAt, night.AddHours(9), night.AddHours(11)); // 08:00 London is 07:00 or 08:00 UTC
        await Eventually(async () => (await outbox.GetAsync(id, acknowledgement.Key, default))!.State == NoticeState.Delivered, "the acknowledgement delivered");
        var texts = app.Services.GetRequiredService<Domain.Sms.TextSendLog>();
        Assert.NotEmpty(await texts.KeysForReferralAsync(id, default));

        // Erased: the texts' send records and the captured texts go with the referral.
        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync($"/api/referrals/{id}?confirm={reference}")).StatusCode);
        Assert.Empty(await texts.KeysForReferralAsync(id, default));
        Assert.Empty(await TextsAsync(app, "+447700900322"));
    }

    [Fact]
    public async Task AMobileThatIsNotAUkMobile_IsRefusedWithAProblem_AndTextsNeedConsent()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        JsonObject Referral(string mobile, bool consent) => new()
        {
            ["schemeId"] = "foster-mentoring",
            ["kind"] = "Self",
            ["consent"] = true,
            ["name"] = "Robin Hale",
            ["mobile"] = mobile,
            ["textConsent"] = consent,
            ["preferredChannel"] = "Sms",
        };

        var landline = await ValidationProblemAsync(await http.PostAsync("/api/referrals", Json(Referral("01632 960114", true))), "mobile");
        Assert.Contains("UK mobile", landline.GetRawText(), StringComparison.Ordinal);
        await ValidationProblemAsync(await http.PostAsync("/api/referrals", Json(Referral("07700 900321", false))), "textConsent");
        await JsonAsync(await http.PostAsync("/api/referrals", Json(Referral("+44 7700 900321", true))), HttpStatusCode.Accepted);
    }

    private static async Task<List<Domain.Sms.CapturedText>> TextsAsync(ApiApp app, string to) => [.. (await app.Texts.ListAsync()).Where(t => t.To == to)];

    private static async Task<List<CapturedMailSummary>> MailAboutAsync(ApiApp app, string reference)
    {
        var about = new List<CapturedMailSummary>();
        foreach (var summary in await app.Mail.ListAsync())
        {
            var mail = await app.Mail.GetAsync(summary.Id);
            if (mail?.Text?.Contains(reference, StringComparison.Ordinal) == true || summary.Subject.Contains(reference, StringComparison.Ordinal))
            {
                about.Add(summary);
            }
        }

        return about;
    }

    private static async Task AdvanceToAsync(HttpClient http, DateTimeOffset to) =>
        await JsonAsync(await http.PostAsync("/dev/clock/advance?to=" + Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture)), null), HttpStatusCode.OK);

    private static async Task AdvanceAsync(HttpClient http, string by) =>
        await JsonAsync(await http.PostAsync("/dev/clock/advance?" + by, null), HttpStatusCode.OK);
}
