using System.Net;
using System.Text.Json.Nodes;
using PeerFlow.Domain.Email;
using static PeerFlow.Web.Tests.Api.ApiAssert;

namespace PeerFlow.Web.Tests.Api;

/// <summary>
/// The public form emails whatever address is typed, so one address gets at most one acknowledgement a day: a stranger's
/// address cannot be mailed again and again from the organisation's sender. Every referral is still stored, and the
/// coordinator still hears of each.
/// </summary>
public sealed class AcknowledgementWindowTests
{
    private const string Address = "same.person@example.com";

    [Fact]
    public async Task OneAddress_GetsOneAcknowledgementADay_HoweverManyReferralsNameIt()
    {
        await using var app = new ApiApp { EasyAuth = false };
        using var http = app.CreateClient();

        var first = await ReferAsync(http);
        await MailAsync(app, EmailTemplateNames.ReferralReceived, Address);
        var second = await ReferAsync(http);
        // The coordinator is told of the second referral: once that is sent, so would its acknowledgement have been.
        await Eventually(async () => await CoordinatorNoticesAsync(app) >= 2, "the coordinator's notice of the second referral");
        await app.SettleAsync();
        Assert.Equal(1, await AcknowledgementsAsync(app));
        Assert.NotEqual(first, second);

        await JsonAsync(await http.PostAsync("/dev/clock/advance?hours=25", null), HttpStatusCode.OK);
        await ReferAsync(http);
        await Eventually(async () => await AcknowledgementsAsync(app) == 2, "an acknowledgement once the day has passed");
    }

    private static async Task<int> AcknowledgementsAsync(ApiApp app) =>
        (await app.Mail.ListAsync()).Count(m => m.Template == EmailTemplateNames.ReferralReceived && m.To.Contains(Address, StringComparer.OrdinalIgnoreCase));

    private static async Task<int> CoordinatorNoticesAsync(ApiApp app) =>
        (await app.Mail.ListAsync()).Count(m => m.Template == EmailTemplateNames.ReferralReceivedCoordinator);

    private static async Task<string> ReferAsync(HttpClient http)
    {
        var body = new JsonObject
        {
            ["schemeId"] = "foster-mentoring",
            ["kind"] = "Self",
            ["consent"] = true,
            ["name"] = "Jo Same",
            ["email"] = Address,
            ["postcodeDistrict"] = "EX1",
            ["reasonForReferral"] = "Would like a mentor.",
        };
        return (await JsonAsync(await http.PostAsync("/api/referrals", Json(body)), HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
    }
}
