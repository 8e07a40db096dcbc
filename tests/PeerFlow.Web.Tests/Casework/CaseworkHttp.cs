using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerFlow.Domain.Records;
using PeerFlow.Web.Tests.Api;
using static PeerFlow.Web.Tests.Api.ApiAssert;

namespace PeerFlow.Web.Tests.Casework;

/// <summary>What the case-work tests do over HTTP: refer someone, search, assess, add mentors.</summary>
internal static class CaseworkHttp
{
    public const string Fostering = "foster-mentoring";
    public const string PeerLink = "peer-link";

    /// <summary>A self-referral through the public API; its id and reference, and the whole answer's text.</summary>
    public static async Task<(string Id, string Reference, string Answer)> ReferAsync(HttpClient http, string scheme, string name, string? email, string? phone, string district)
    {
        var response = await http.PostAsync("/api/referrals", Json(new JsonObject
        {
            ["schemeId"] = scheme, ["kind"] = "Self", ["consent"] = true, ["name"] = name, ["email"] = email, ["phone"] = phone, ["postcodeDistrict"] = district,
        }));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        using var json = JsonDocument.Parse(text);
        return (json.RootElement.GetProperty("id").GetString()!, json.RootElement.GetProperty("reference").GetString()!, text);
    }

    public static async Task<List<string>> FoundAsync(HttpClient http, string query) =>
        [.. (await JsonAsync(await http.PostAsync("/api/referrals/search", Json(new JsonObject { ["query"] = query })), HttpStatusCode.OK))
            .GetProperty("referrals").EnumerateArray().Select(r => r.GetProperty("id").GetString()!)];

    public static async Task AssessSuitableAsync(HttpClient http, string id, string district, string? note = null)
    {
        var response = await http.PostAsync($"/api/referrals/{id}/assessment", Json(new JsonObject
        {
            ["outcome"] = "suitable", ["note"] = note,
            ["profile"] = new JsonObject { ["postcodeDistrict"] = district, ["availability"] = new JsonArray("weekday-evening") },
        }));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }

    public static Task WaitForStageAsync(ApiApp app, string id, ReferralStage stage) =>
        Eventually(async () => (await app.Store.Referrals.GetAsync(id, "", default))?.Value.Stage == stage, $"{id} at {stage}");

    public static async Task<string> MentorAsync(HttpClient http, string name, string email, string district) =>
        (await JsonAsync(await http.PostAsync("/api/mentors", Json(new JsonObject
        {
            ["schemeId"] = Fostering, ["name"] = name, ["email"] = email, ["capacity"] = 2,
            ["dbsCheckExpires"] = DateTime.UtcNow.AddYears(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["trainingCompleted"] = true,
            ["postcodeDistrict"] = district, ["availability"] = new JsonArray("weekday-evening"),
        })), HttpStatusCode.Created)).GetProperty("id").GetString()!;

    public static DateTime Now(ApiApp app) => app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
}
