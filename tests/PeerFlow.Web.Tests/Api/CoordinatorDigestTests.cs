using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerFlow.Domain.Email;
using PeerFlow.Domain.Notices;
using static PeerFlow.Web.Tests.Api.ApiAssert;

namespace PeerFlow.Web.Tests.Api;

/// <summary>
/// A flood of posts reaches the coordinator as a few emails, one warning and a count, not an email each; a coordinator
/// who chose the digest hears of what can wait once a day at 09:00 London; urgent referrals never wait.
/// </summary>
public sealed class CoordinatorDigestTests
{
    private const string Scheme = "foster-mentoring";

    private const string Coordinator = "fostering.coordinator@example.org";

    [Fact]
    public async Task PastTheSchemesAlertsAnHour_NewReferralsWaitForTheDigest_WithOneWarning_AndUrgentOnesStillGoAtOnce()
    {
        await using var app = new ApiApp { EasyAuth = false, OrganisationFile = OrganisationWithAlertsPerHour(2) };
        using var http = app.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            await ReferAsync(http, $"flood{i}@example.com", urgent: false);
        }

        await Eventually(async () => (await WaitingAsync(app)).Count == 3, "three new referrals held for the digest");
        await app.SettleAsync();
        Assert.Equal(2, await MailCountAsync(app, EmailTemplateNames.ReferralReceivedCoordinator));
        Assert.Equal(1, await MailCountAsync(app, EmailTemplateNames.ReferralFlood));
        Assert.All(await WaitingAsync(app), i => Assert.Equal(DigestReason.Flood, i.Reason));

        await ReferAsync(http, "urgent@example.com", urgent: true);
        await Eventually(async () => await MailCountAsync(app, EmailTemplateNames.ReferralReceivedCoordinator) == 3, "the urgent referral told at once");
        await app.SettleAsync();
        Assert.Equal(3, (await WaitingAsync(app)).Count);
        Assert.Equal(1, await MailCountAsync(app, EmailTemplateNames.ReferralFlood));

        var dashboard = await (await http.GetAsync("/dashboard")).Content.ReadAsStringAsync();
        Assert.Contains("Waiting for the 09:00 digest", dashboard, StringComparison.Ordinal);
        Assert.Contains("3 notices</a>, 3 new referrals held in a flood of referrals", dashboard, StringComparison.Ordinal);

        // The next 09:00 London: one digest lists the three, and nothing waits any more.
        await JsonAsync(await http.PostAsync("/dev/clock/advance?hours=26", null), HttpStatusCode.OK);
        await Eventually(async () => await MailCountAsync(app, EmailTemplateNames.CoordinatorDigest) == 1, "the 09:00 digest");
        await Eventually(async () => (await WaitingAsync(app)).Count == 0, "the digest's rows removed");
    }

    [Fact]
    public async Task ACoordinatorWhoChoseTheDigest_HearsOfANewReferralAt0900_WhileTheReferrerIsAcknowledgedAtOnce()
    {
        await using var app = new ApiApp { EasyAuth = false };
        using var http = app.CreateClient();
        var problem = await JsonAsync(await http.PutAsync($"/api/schemes/{Scheme}/notices", Json(new JsonObject())), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("coordinatorDigest", out _));
        await JsonAsync(await http.PutAsync("/api/schemes/no-such-scheme/notices", Json(new JsonObject { ["coordinatorDigest"] = true })), HttpStatusCode.NotFound);
        var chosen = await JsonAsync(await http.PutAsync($"/api/schemes/{Scheme}/notices", Json(new JsonObject { ["coordinatorDigest"] = true })), HttpStatusCode.OK);
        Assert.True(chosen.GetProperty("coordinatorDigest").GetBoolean());

        var id = await ReferAsync(http, "chosen@example.com", urgent: false);
        await Eventually(async () => await MailCountAsync(app, EmailTemplateNames.ReferralReceived, "chosen@example.com") == 1, "the referrer's acknowledgement");
        await Eventually(async () => (await WaitingAsync(app)).Count == 1, "the coordinator's notice held");
        await app.SettleAsync();
        Assert.Equal(0, await MailCountAsync(app, EmailTemplateNames.ReferralReceivedCoordinator));
        var held = Assert.Single(await WaitingAsync(app));
        Assert.Equal((id, DigestReason.Chosen, "New referral"), (held.ReferralId, held.Reason, held.Text));
        Assert.Contains(await app.Store.Timeline.PartitionAsync(id, CancellationToken.None), t => t.Value.Kind == "NoticeHeldForDigest");

        // A notice for the coordinator alone is wholly held: the timeline is not told "coordinator reminded" before 09:00.
        var sender = app.Services.GetRequiredService<INoticeSender>();
        var reminder = await sender.SendAsync(new NoticeRequest(id, Notice.AssessmentReminder), "digest-reminder", CancellationToken.None);
        Assert.True(reminder.AllHeldForDigest);
        Assert.False((await sender.SendAsync(new NoticeRequest(id, Notice.ReferralReceived), "digest-ack", CancellationToken.None)).AllHeldForDigest);

        var page = await (await http.GetAsync($"/schemes/{Scheme}/notices")).Content.ReadAsStringAsync();
        Assert.Contains(held.Reference, page, StringComparison.Ordinal);
        Assert.Contains("The coordinator&#x27;s choice", page, StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<DigestItem>> WaitingAsync(ApiApp app) => await app.Store.Digest.WaitingAsync(Scheme, CancellationToken.None);

    /// <summary>Emails of a template to the scheme's coordinator (an urgent referral also goes to the manager, in the same template).</summary>
    private static async Task<int> MailCountAsync(ApiApp app, string template, string to = Coordinator) =>
        (await app.Mail.ListAsync()).Count(m => m.Template == template && m.To.Contains(to, StringComparer.OrdinalIgnoreCase));

    private static async Task<string> ReferAsync(HttpClient http, string email, bool urgent)
    {
        var body = new JsonObject
        {
            ["schemeId"] = Scheme,
            ["kind"] = "Self",
            ["consent"] = true,
            ["urgent"] = urgent,
            ["name"] = "Jo Flood",
            ["email"] = email,
            ["postcodeDistrict"] = "EX1",
            ["reasonForReferral"] = "Would like a mentor.",
        };
        return (await JsonAsync(await http.PostAsync("/api/referrals", Json(body)), HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
    }

    /// <summary>The shipped organisation file with the scheme's coordinator alerts an hour set low, written to a temporary file.</summary>
    private static string OrganisationWithAlertsPerHour(int perHour)
    {
        var organisation = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "organisation.json")))!;
        var scheme = organisation["schemes"]!.AsArray().Single(s => (string?)s!["id"] == Scheme)!;
        scheme["policy"]!["coordinatorAlertsPerHour"] = perHour;
        var path = Path.Combine(Path.GetTempPath(), $"peerflow-org-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, organisation.ToJsonString());
        return path;
    }
}
