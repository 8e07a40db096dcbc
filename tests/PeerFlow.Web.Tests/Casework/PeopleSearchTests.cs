using System.Net;
using System.Text.Json.Nodes;
using PeerFlow.Web.Tests.Api;
using static PeerFlow.Web.Tests.Api.ApiAssert;
using static PeerFlow.Web.Tests.Casework.CaseworkHttp;
using static PeerFlow.Web.Tests.Pages.PageForms;

namespace PeerFlow.Web.Tests.Casework;

/// <summary>Staff find people by name, email, phone or postcode district, not only by reference; and see names in lists.</summary>
public class PeopleSearchTests
{
    [Fact]
    public async Task TheApi_FindsAPersonByName_Email_Phone_OrDistrict_AndAuditsEverySearchWithoutWhatWasTyped()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var tom = await ReferAsync(http, Fostering, "Tom Okafor", "tom.okafor@example.com", "07700 900123", "EX4");
        var tomasz = await ReferAsync(http, PeerLink, "Tomasz Nowak", "t.nowak@example.com", null, "TQ12");

        Assert.Equal([tom.Id], await FoundAsync(http, "okafor TOM"));
        Assert.Equal([tom.Id], await FoundAsync(http, "Okaf"));
        Assert.Equal([tom.Id], await FoundAsync(http, "TOM.OKAFOR@example.com"));
        Assert.Equal([tom.Id], await FoundAsync(http, "+44 7700 900123"));
        Assert.Equal([tom.Id], await FoundAsync(http, "tom ex4 1aa"));
        Assert.Equal([tomasz.Id, tom.Id], await FoundAsync(http, "tom")); // the start of a name; newest first
        Assert.Empty(await FoundAsync(http, "okafor tq12"));

        var found = await JsonAsync(await http.PostAsync("/api/referrals/search", Json(new JsonObject { ["query"] = "Tom Okafor" })), HttpStatusCode.OK);
        var result = Assert.Single(found.GetProperty("referrals").EnumerateArray());
        Assert.Equal(tom.Reference, result.GetProperty("reference").GetString());
        Assert.Equal("Tom Okafor", result.GetProperty("name").GetString());
        Assert.False(found.GetProperty("more").GetBoolean());

        // Nothing to search for: problem details, and no audit line.
        await ValidationProblemAsync(await http.PostAsync("/api/referrals/search", Json(new JsonObject { ["query"] = "" })), "query");
        await ValidationProblemAsync(await http.PostAsync("/api/referrals/search", Json(new JsonObject { ["query"] = "x" })), "query");
        await ValidationProblemAsync(await http.PostAsync("/api/referrals/search", Json(new JsonObject { ["query"] = new string('a', 201) })), "query");

        var audit = (await app.Store.Audit.PartitionAsync("search", default)).Select(a => a.Value).ToList();
        Assert.Equal(8, audit.Count);
        Assert.All(audit, a => Assert.Equal(ApiApp.StaffName, a.Actor));
        Assert.Contains(audit, a => a.Action == "searched referrals by name: 2 found");
        Assert.Contains(audit, a => a.Action == "searched referrals by phone: 1 found");
        Assert.Contains(audit, a => a.Action == "searched referrals by name, postcode: 0 found");
        Assert.All(audit, a => Assert.DoesNotMatch("(?i)okafor|tom|7700|example|ex4", a.Action));
    }

    [Fact]
    public async Task ThePages_FindAPersonFromTheFindBox_AndShowNamesBesideReferences()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var tom = await ReferAsync(http, Fostering, "Tom Okafor", "tom.okafor@example.com", null, "EX4");
        await ReferAsync(http, Fostering, "Amira Haddad", "amira@example.com", null, "EX1");

        // The dashboard and the referral list name the person beside the reference.
        var dashboard = await GetHtmlAsync(http, "/dashboard");
        var rows = System.Text.RegularExpressions.Regex.Matches(dashboard, "<tr>.*?</tr>", System.Text.RegularExpressions.RegexOptions.Singleline)
            .Select(m => m.Value).Where(r => r.Contains(tom.Reference, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains("Tom Okafor", r, StringComparison.Ordinal));
        Assert.Contains("Tom Okafor", Row(await GetHtmlAsync(http, "/referrals"), tom.Reference), StringComparison.Ordinal);

        // "Tom Okafor" in the find box: the person, not "no referral with the reference TOM OKAFOR".
        var results = await HtmlAsync(await PostAsync(http, "/search", dashboard, [new("query", "Tom Okafor")]), HttpStatusCode.OK);
        Assert.Contains(tom.Reference, Row(results, "Tom Okafor"), StringComparison.Ordinal);
        Assert.DoesNotContain("Amira", results, StringComparison.Ordinal);
        Assert.Contains("1 referral found", results, StringComparison.Ordinal);

        // A reference still goes straight to its referral.
        var byReference = await PostAsync(http, "/search", dashboard, [new("query", tom.Reference.ToLowerInvariant())]);
        Assert.Equal(HttpStatusCode.Redirect, byReference.StatusCode);
        Assert.Equal($"/referrals/{tom.Id}", byReference.Headers.Location?.OriginalString);

        // Nothing typed: the form again, with its message.
        var empty = await HtmlAsync(await PostAsync(http, "/search", dashboard, [new("query", " ")]), HttpStatusCode.OK);
        Assert.Contains("There is a problem", empty, StringComparison.Ordinal);
        Assert.Contains("Enter a reference, name, email", empty, StringComparison.Ordinal);

        // Without the form's antiforgery token, nothing is searched.
        Assert.Equal(HttpStatusCode.BadRequest, (await PostWithoutTokenAsync(http, "/search", [new("query", "Tom")])).StatusCode);
    }
}
