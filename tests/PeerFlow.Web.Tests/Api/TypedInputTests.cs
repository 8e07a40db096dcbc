using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using PeerFlow.Domain.Text;
using PeerFlow.Web.Tests.Pages;
using static PeerFlow.Web.Tests.Api.ApiAssert;

namespace PeerFlow.Web.Tests.Api;

/// <summary>
/// Text is stored only as people could have typed it (no control or text-direction characters; line breaks only in
/// notes), and enums only with values they have: 400 and nothing stored otherwise, on the API and the form alike.
/// </summary>
public class TypedInputTests
{
    private static JsonObject Referral(Action<JsonObject> change)
    {
        var body = new JsonObject
        {
            ["schemeId"] = "foster-mentoring", ["kind"] = "Self", ["consent"] = true, ["name"] = "Sam Taylor",
            ["email"] = "sam.taylor@example.com", ["reasonForReferral"] = "New foster carer.",
        };
        change(body);
        return body;
    }

    public static TheoryData<string, JsonObject, string> Refused => new()
    {
        { "right-to-left override in a name", Referral(b => b["name"] = "Safe\u202Egnp.exe"), "name" },
        { "isolate in a name", Referral(b => b["name"] = "Sam\u2067Taylor"), "name" },
        { "CR LF in a name", Referral(b => b["name"] = "Sam\r\nBcc: all@example.com"), "name" },
        { "NUL in a name", Referral(b => b["name"] = "Sam\u0000Taylor"), "name" },
        { "escape character in the reason", Referral(b => b["reasonForReferral"] = "Support\u001B[2J"), "reasonForReferral" },
        { "kind 99", Referral(b => b["kind"] = 99), "kind" },
        { "kind \"99\"", Referral(b => b["kind"] = "99"), "kind" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task ATextNoOneTypes_OrAnUndefinedChoice_Is400_AndNothingIsStored(string @case, JsonObject body, string field)
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();

        using var response = await http.PostAsync("/api/referrals", Json(body));

        var problem = await ValidationProblemAsync(response, field);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()), @case);
        Assert.Empty(await app.Store.Referrals.ScanAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task LineBreaks_AreKeptInNotes()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();

        using var response = await http.PostAsync("/api/referrals", Json(Referral(b => b["reasonForReferral"] = "First line.\r\nSecond line.\tIndented.")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var stored = await app.Store.People.GetAsync(id, "Mentee", CancellationToken.None);
        Assert.Equal("First line.\r\nSecond line.\tIndented.", stored!.Value.ReasonForReferral);
    }

    [Fact]
    public async Task AMentorsNameWithAnOverride_Is400()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();

        using var response = await http.PostAsync("/api/mentors", Json("""{"schemeId":"foster-mentoring","name":"Safe\u202Egnp.exe","email":"m@example.org","interests":["walking\n"]}"""));

        await ValidationProblemAsync(response, "name", "interests");
    }

    [Fact]
    public async Task TheReferralForm_ShowsItAgainWithAMessage_ForAnOverrideInAName()
    {
        await using var app = new ApiApp();
        using var http = PageForms.Browser(app);
        var page = await PageForms.GetHtmlAsync(http, "/refer/self");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Key", PageForms.Hidden(page, "Key")!), new("Input.SchemeId", "foster-mentoring"), new("Input.Name", "Sam\u202ETaylor"),
            new("Input.Email", "sam.taylor@example.com"), new("Input.Consent", "yes"),
        };

        var html = await PageForms.HtmlAsync(await PageForms.PostAsync(http, "/refer/self", page, fields), HttpStatusCode.OK);

        Assert.Contains(System.Net.WebUtility.HtmlEncode(TypedInput.TextMessage), html, StringComparison.Ordinal);
        Assert.Contains("id=\"Input_Name-error\"", html, StringComparison.Ordinal);
        Assert.Empty(await app.Store.Referrals.ScanAsync(null, CancellationToken.None));
    }
}
