using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerFlow.Orchestrations;
using static PeerFlow.Web.Tests.Api.ApiAssert;

namespace PeerFlow.Web.Tests.Api;

/// <summary>
/// What the HTTP API refuses, and how: 400 with RFC 7807 field errors and nothing stored; what it accepts: 202 with
/// where to follow the referral. Workflows start as they would in use; no signal or clock move takes them further.
/// </summary>
public class ReferralValidationTests
{
    private const string Scheme = "foster-mentoring";

    /// <summary>A self-referral that passes every rule; each bad case changes one thing.</summary>
    private static JsonObject ValidReferral() => new()
    {
        ["schemeId"] = Scheme,
        ["kind"] = "Self",
        ["consent"] = true,
        ["urgent"] = false,
        ["name"] = "Sam Taylor",
        ["email"] = "sam.taylor@example.com",
        ["phone"] = "07700 900123",
        ["postcodeDistrict"] = "EX1",
        ["reasonForReferral"] = "New foster carer looking for support.",
    };

    private static string With(Action<JsonObject> change)
    {
        var body = ValidReferral();
        change(body);
        return body.ToJsonString();
    }

    public static TheoryData<string, string, string[]> BadReferrals => new()
    {
        { "missing consent", With(b => b["consent"] = false), ["consent"] },
        { "consent left out", With(b => b.Remove("consent")), ["consent"] },
        { "missing name", With(b => b.Remove("name")), ["name"] },
        { "blank name", With(b => b["name"] = "   "), ["name"] },
        { "bad email", With(b => b["email"] = "sam.taylor-at-example"), ["email"] },
        { "no contact route", With(b => { b.Remove("email"); b.Remove("phone"); }), ["email"] },
        { "unknown scheme", With(b => b["schemeId"] = "knitting-circle"), ["schemeId"] },
        { "no scheme", With(b => b.Remove("schemeId")), ["schemeId"] },
        { "professional referral without referrer email", With(b => { b["kind"] = "Professional"; b["referrerName"] = "Pat Social"; b["referrerSector"] = "Health"; }), ["referrerEmail"] },
        { "professional referral with a bad referrer email", With(b => { b["kind"] = "Professional"; b["referrerName"] = "Pat Social"; b["referrerEmail"] = "pat"; b["referrerSector"] = "Health"; }), ["referrerEmail"] },
        { "professional referral without a sector", With(b => { b["kind"] = "Professional"; b["referrerName"] = "Pat Social"; b["referrerEmail"] = "pat@example.gov.uk"; }), ["referrerSector"] },
        { "professional referral with an unknown sector", With(b => { b["kind"] = "Professional"; b["referrerName"] = "Pat Social"; b["referrerEmail"] = "pat@example.gov.uk"; b["referrerSector"] = "police"; }), ["referrerSector"] },
        { "professional referral with a sector by number", With(b => { b["kind"] = "Professional"; b["referrerName"] = "Pat Social"; b["referrerEmail"] = "pat@example.gov.uk"; b["referrerSector"] = "1"; }), ["referrerSector"] },
        { "bad postcode district", With(b => b["postcodeDistrict"] = "12345"), ["postcodeDistrict"] },
        { "bad phone", With(b => { b.Remove("email"); b["phone"] = "call me"; }), ["phone"] },
        { "body not JSON", """{"schemeId": "foster-mentoring", "consent": tru""", ["body"] },
        { "JSON of the wrong shape", With(b => b["consent"] = "certainly"), ["body"] },
        { "empty JSON body", "null", ["body"] },
    };

    [Theory]
    [MemberData(nameof(BadReferrals))]
    public async Task BadReferral_Is400WithFieldErrors_AndNothingIsStored(string @case, string body, string[] fields)
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();

        var response = await http.PostAsync("/api/referrals", Json(body));

        var problem = await ValidationProblemAsync(response, fields);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()), @case);
        await AssertNothingStoredAsync(app, http);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data")]
    [InlineData("text/plain")]
    public async Task AnythingButJson_Is415_EvenAValidReferral_FromAnotherSite_AndNothingIsStored(string contentType)
    {
        // Found in issue 19: a form post from another site's page (no token, any Origin) was stored.
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        using var body = new StringContent("schemeId=peer-link&kind=Self&consent=on&name=Alex+Morgan&phone=01392+000000");
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/referrals") { Content = body };
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await http.SendAsync(request);

        await ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        await AssertNothingStoredAsync(app, http);
    }

    [Fact]
    public async Task ValidJsonReferral_Is202_WithIdReferenceAndStatusUrl_AndStartsItsWorkflow()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();

        var response = await http.PostAsync("/api/referrals", Json(ValidReferral()));

        var accepted = await JsonAsync(response, HttpStatusCode.Accepted);
        var id = accepted.GetProperty("id").GetString()!;
        var statusUrl = accepted.GetProperty("statusUrl").GetString()!;
        Assert.Matches(@"^FCM-\d{4}-\d{4}$", accepted.GetProperty("reference").GetString());
        Assert.Equal($"/api/referrals/{id}", statusUrl);
        Assert.Equal(statusUrl, response.Headers.Location?.OriginalString);

        var view = await JsonAsync(await http.GetAsync(statusUrl), HttpStatusCode.OK);
        Assert.Equal(id, view.GetProperty("id").GetString());
        Assert.Equal("Assessment", view.GetProperty("stage").GetString());
        Assert.Equal("Self", view.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("referrerSector").ValueKind);
        Assert.Contains(view.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("kind").GetString() == "received");
        var listed = await http.GetFromJsonAsync<JsonElement>("/api/referrals");
        Assert.Equal(id, Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.NotNull(await app.Workflows.GetStatusAsync(id));

        // Personal details are kept apart from the referral record.
        var mentee = Assert.Single(await app.Store.People.PartitionAsync(id, CancellationToken.None)).Value;
        Assert.Equal("Sam Taylor", mentee.Name);
    }

    [Fact]
    public async Task RetriedPost_WithTheSameIdempotencyKey_ReturnsTheSameReferral_AndStoresOne()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        var key = Guid.NewGuid().ToString();

        var first = await JsonAsync(await PostWithKeyAsync(http, key), HttpStatusCode.Accepted);
        var second = await JsonAsync(await PostWithKeyAsync(http, key), HttpStatusCode.Accepted);
        var other = await JsonAsync(await PostWithKeyAsync(http, Guid.NewGuid().ToString()), HttpStatusCode.Accepted);

        Assert.Equal(first.GetProperty("id").GetString(), second.GetProperty("id").GetString());
        Assert.Equal(first.GetProperty("reference").GetString(), second.GetProperty("reference").GetString());
        Assert.NotEqual(first.GetProperty("id").GetString(), other.GetProperty("id").GetString());
        var listed = await http.GetFromJsonAsync<JsonElement>("/api/referrals");
        Assert.Equal(2, listed.GetProperty("items").GetArrayLength());
        Assert.Equal(2, listed.GetProperty("total").GetInt32());
        Assert.Equal(2, await WorkflowInstancesAsync(app));
    }

    [Fact]
    public async Task TheSameIdempotencyKey_WithADifferentReferral_Is422_AndHandsBackNothing()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        var key = Guid.NewGuid().ToString();
        var first = await JsonAsync(await PostWithKeyAsync(http, key), HttpStatusCode.Accepted);

        var someoneElse = ValidReferral();
        someoneElse["name"] = "Someone Else";
        using var other = new HttpRequestMessage(HttpMethod.Post, "/api/referrals") { Content = Json(someoneElse) };
        other.Headers.Add("Idempotency-Key", key);
        var response = await http.SendAsync(other);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("different referral", body, StringComparison.Ordinal);
        Assert.DoesNotContain(first.GetProperty("id").GetString()!, body, StringComparison.Ordinal);
        Assert.DoesNotContain(first.GetProperty("reference").GetString()!, body, StringComparison.Ordinal);
        Assert.Single((await http.GetFromJsonAsync<JsonElement>("/api/referrals")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task OversizedBodies_Are413_AndOversizedFields_Are400_WithNothingStored()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();

        var huge = ValidReferral();
        huge["reasonForReferral"] = new string('x', 200_000);
        var tooBig = await http.PostAsync("/api/referrals", Json(huge));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Equal("application/problem+json", tooBig.Content.Headers.ContentType?.MediaType);

        foreach (var (field, value) in new[] { ("email", new string('a', 40_000) + "@example.org"), ("phone", new string('1', 21)), ("referrerPhone", new string('1', 5_000)) })
        {
            var body = ValidReferral();
            body["kind"] = "Professional";
            body["referrerName"] = "Pat Social";
            body["referrerEmail"] = "pat.social@example.gov.uk";
            body["referrerSector"] = "SocialWorker";
            body[field] = value;
            var problem = await ProblemAsync(await http.PostAsync("/api/referrals", Json(body)), HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field} is named in the errors");
        }

        Assert.Empty(await app.Store.People.ScanAsync(null, CancellationToken.None));
        Assert.Empty(await app.Store.Referrals.ScanAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task TheFirstMeeting_CanBeRecordedOnlyForAnActiveMatch()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        var id = await ReferAsync(http);

        var refused = await ProblemAsync(await http.PostAsync($"/api/referrals/{id}/first-meeting", null), HttpStatusCode.Conflict);
        Assert.Contains("active match", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAsync(await http.PostAsync("/api/referrals/rnosuchreferral/first-meeting", null), HttpStatusCode.NotFound);
        Assert.Null((await app.Store.Referrals.GetAsync(id, "", CancellationToken.None))!.Value.FirstMeetingAt);
    }

    public static TheoryData<string, string, string[]> BadActions => new()
    {
        { "assessment", """{"outcome":"maybe"}""", ["outcome"] },
        { "assessment", """{}""", ["outcome"] },
        { "assessment", """{"outcome":"deferred"}""", ["recontactOn"] },
        { "assessment", """{"outcome":"deferred","recontactOn":"2001-01-01"}""", ["recontactOn"] },
        { "assessment", """{"outcome":"notsuitable"}""", ["signpostedTo"] },
        { "assessment", """{"outcome":"suitable"}""", ["profile"] },
        { "assessment", """{"outcome":"suitable","profile":{"postcodeDistrict":"nowhere"}}""", ["profile.postcodeDistrict"] },
        { "checkins", """{"rag":"purple","met":true}""", ["rag"] },
        { "checkins", """{"met":true}""", ["rag"] },
        { "feedback", """{"from":"mentee","helpfulness":9}""", ["helpfulness"] },
        { "feedback", """{"from":"neighbour","helpfulness":3}""", ["from"] },
        { "matches", """{}""", ["mentorId"] },
        { "safeguarding", """{"details":" "}""", ["details"] },
        { "contact", """{"at":"2999-01-01T10:00:00Z"}""", ["at"] },
    };

    [Theory]
    [MemberData(nameof(BadActions))]
    public async Task BadActionInput_Is400WithFieldErrors_AndChangesNothing(string action, string body, string[] fields)
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        var id = await ReferAsync(http);
        var before = await JsonAsync(await http.GetAsync($"/api/referrals/{id}"), HttpStatusCode.OK);

        var response = await http.PostAsync($"/api/referrals/{id}/{action}", Json(body));

        await ValidationProblemAsync(response, fields);
        var after = await JsonAsync(await http.GetAsync($"/api/referrals/{id}"), HttpStatusCode.OK);
        Assert.Equal("Assessment", after.GetProperty("stage").GetString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("outcome").ValueKind);
        Assert.Equal(JsonValueKind.Null, after.GetProperty("firstContactAt").ValueKind);
        Assert.Equal(before.GetProperty("timeline").GetArrayLength(), after.GetProperty("timeline").GetArrayLength());
        Assert.Empty(after.GetProperty("matches").EnumerateArray());
        Assert.Empty(await app.Store.CheckIns.ScanAsync(null, CancellationToken.None));
        Assert.Empty(await app.Store.Feedback.ScanAsync(null, CancellationToken.None));
        Assert.Empty(await app.Store.Concerns.ScanAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task MentorWithoutEmail_Is400WithFieldErrors_AndNoMentorIsStored()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();

        var response = await http.PostAsync("/api/mentors", Json("""{"schemeId":"foster-mentoring","name":"Robin Hale","capacity":2}"""));

        await ValidationProblemAsync(response, "email");
        Assert.Empty((await http.GetFromJsonAsync<JsonElement>("/api/mentors")).EnumerateArray());
    }

    [Fact]
    public async Task MentorWithSeveralMistakes_Is400WithEveryFieldsErrors()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();

        var response = await http.PostAsync("/api/mentors", Json("""{"schemeId":"nope","email":"robin","capacity":0,"postcodeDistrict":"999"}"""));

        await ValidationProblemAsync(response, "schemeId", "name", "email", "capacity", "postcodeDistrict");
        Assert.Empty((await http.GetFromJsonAsync<JsonElement>("/api/mentors")).EnumerateArray());
    }

    public static TheoryData<string, string> ActionsOnAReferral => new()
    {
        { "contact", "{}" },
        { "assessment", """{"outcome":"withdrawn"}""" },
        { "matches", """{"mentorId":"mt0000000000"}""" },
        { "matches/m000000000000/answer", """{"accepted":true}""" },
        { "checkins", """{"rag":"green","met":true}""" },
        { "breakdown", """{"reason":"moved away"}""" },
        { "safeguarding", """{"details":"A concern"}""" },
        { "closure", """{"reason":"withdrawn"}""" },
        { "feedback", """{"from":"mentee","helpfulness":4}""" },
    };

    [Theory]
    [MemberData(nameof(ActionsOnAReferral))]
    public async Task ActionOnAnUnknownReferral_Is404Problem_AndStoresNothing(string action, string body)
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        const string id = "rdoesnotexist000";

        var response = await http.PostAsync($"/api/referrals/{id}/{action}", Json(body));

        await ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Null(await app.Workflows.GetStatusAsync(id));
        Assert.Empty(await app.Store.Referrals.ScanAsync(null, CancellationToken.None));
        Assert.Empty(await app.Store.Timeline.ScanAsync(null, CancellationToken.None));
        Assert.Empty(await app.Store.Feedback.ScanAsync(null, CancellationToken.None));
        Assert.Empty(await app.Store.Concerns.ScanAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task ShortlistAndReferral_OfAnUnknownReferral_Are404Problems()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();

        await ProblemAsync(await http.GetAsync("/api/referrals/rdoesnotexist000"), HttpStatusCode.NotFound);
        await ProblemAsync(await http.GetAsync("/api/referrals/rdoesnotexist000/shortlist"), HttpStatusCode.NotFound);
        await ProblemAsync(await http.PutAsync("/api/mentors/mtdoesnotexist", Json("""{"schemeId":"foster-mentoring","name":"Robin Hale","email":"robin@example.org"}""")), HttpStatusCode.NotFound);
    }

    private static async Task<string> ReferAsync(HttpClient http)
    {
        var accepted = await JsonAsync(await http.PostAsync("/api/referrals", Json(ValidReferral())), HttpStatusCode.Accepted);
        return accepted.GetProperty("id").GetString()!;
    }

    private static async Task<HttpResponseMessage> PostWithKeyAsync(HttpClient http, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/referrals") { Content = Json(ValidReferral()) };
        request.Headers.Add("Idempotency-Key", key);
        return await http.SendAsync(request);
    }

    private static async Task AssertNothingStoredAsync(ApiApp app, HttpClient http)
    {
        Assert.Empty((await http.GetFromJsonAsync<JsonElement>("/api/referrals")).GetProperty("items").EnumerateArray());
        Assert.Empty(await app.Store.People.ScanAsync(null, CancellationToken.None));
        Assert.Equal(0, await WorkflowInstancesAsync(app));
    }

    /// <summary>
    /// Referral workflow instances the engine knows of (DurableTask.AzureStorage records an instance when it is
    /// started, before it runs); the app's one monthly-report schedule is not a referral's.
    /// </summary>
    private static async Task<int> WorkflowInstancesAsync(ApiApp app)
    {
        var client = app.Services.GetRequiredService<Microsoft.DurableTask.Client.DurableTaskClient>();
        var count = 0;
        await foreach (var instance in client.GetAllInstancesAsync(new Microsoft.DurableTask.Client.OrchestrationQuery()))
        {
            if (instance.Name == PeerFlow.Orchestrations.ReferralLifecycle.Name)
            {
                count++;
            }
        }

        return count;
    }
}
