using System.Net;
using System.Text.Json.Nodes;
using static PeerFlow.Web.Tests.Api.ApiAssert;

namespace PeerFlow.Web.Tests.Api;

/// <summary>Many referrers at once (issue 20.3): every one is accepted, each with a reference of its own.</summary>
public class IntakeContentionTests
{
    [Fact]
    public async Task ThirtyConcurrentSubmissions_AllAccepted_WithDistinctReadableReferences()
    {
        await using var app = new ApiApp { EasyAuth = false };
        using var http = app.CreateClient();
        // One submission first, so the scheme's counter row exists and every later one contends for it.
        await JsonAsync(await http.PostAsync("/api/referrals", Json(Submission(0))), HttpStatusCode.Accepted);

        using var start = new SemaphoreSlim(0);
        var posts = Enumerable.Range(1, 30).Select(async i =>
        {
            await start.WaitAsync();
            var response = await http.PostAsync("/api/referrals", Json(Submission(i)));
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }).ToList();
        start.Release(posts.Count);
        var answers = await Task.WhenAll(posts);

        Assert.All(answers, a => Assert.True(a.StatusCode == HttpStatusCode.Accepted, $"{(int)a.StatusCode}: {a.Body}"));
        var references = answers.Select(a => JsonNode.Parse(a.Body)!["reference"]!.GetValue<string>()).ToList();
        Assert.Equal(30, references.Distinct(StringComparer.Ordinal).Count());
        Assert.All(references, r => Assert.Matches(@"^[A-Z]{1,3}-\d{4}-\d{4}$", r));
    }

    private static JsonObject Submission(int i) => new()
    {
        ["schemeId"] = "foster-mentoring",
        ["kind"] = "Self",
        ["consent"] = true,
        ["name"] = $"Person {i}",
        ["email"] = $"person{i}@example.org",
        ["postcodeDistrict"] = "EX2",
        ["reasonForReferral"] = "Newly approved and would value support.",
    };
}
