using System.Net;
using System.Text.Json.Nodes;
using static PeerFlow.Web.Tests.Api.ApiAssert;

namespace PeerFlow.Web.Tests.Api;

/// <summary>A self-referral to the foster scheme through the API, waiting at assessment with its plan published and the engine settled.</summary>
internal static class Referred
{
    public const string Scheme = "foster-mentoring";

    public static async Task<string> AwaitingAssessmentAsync(ApiApp app, HttpClient http, string name, string email)
    {
        var body = new JsonObject
        {
            ["schemeId"] = Scheme, ["kind"] = "Self", ["consent"] = true, ["name"] = name,
            ["email"] = email, ["postcodeDistrict"] = "EX1", ["reasonForReferral"] = "Would like a mentor.",
        };
        var id = (await JsonAsync(await http.PostAsync("/api/referrals", Json(body)), HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
        await Eventually(async () => await app.Store.Schedule.GetAsync(Scheme, id, CancellationToken.None) is not null, "the referral's plan published");
        await app.SettleAsync();
        return id;
    }
}
