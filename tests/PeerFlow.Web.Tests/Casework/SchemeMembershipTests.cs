using System.Net;
using System.Text.Json.Nodes;
using PeerFlow.Web.Actions;
using PeerFlow.Web.Endpoints;
using PeerFlow.Web.SignIn;
using PeerFlow.Web.Tests.Api;
using static PeerFlow.Web.Tests.Api.ApiAssert;
using static PeerFlow.Web.Tests.Casework.CaseworkHttp;
using static PeerFlow.Web.Tests.Pages.PageForms;

namespace PeerFlow.Web.Tests.Casework;

/// <summary>
/// Staff of a scheme that lists its staff see its referrals, mentors, alerts and reports; others do not, on any page
/// or endpoint. A scheme that lists nobody is every staff member's, as before.
/// </summary>
public class SchemeMembershipTests
{
    /// <summary>Works in the foster scheme (listed there, in other letter case than they sign in with).</summary>
    private const string FosterStaff = "fostering.staff@example.org";

    /// <summary>Listed as organisation-wide: sees every scheme.</summary>
    private const string Director = "director@example.org";

    [Fact]
    public async Task ACoordinatorOfAnotherScheme_CannotList_Search_Open_OrActOnAReferral_WhileItsOwnStaffCan_AndAnUnlistedSchemeIsEveryones()
    {
        await using var app = new ApiApp { OrganisationFile = OrganisationWithFosterStaff() };
        using var outsider = Browser(app); // ApiApp.StaffName: listed nowhere
        using var fosterStaff = As(app, "Fostering.Staff@Example.org");
        using var director = As(app, Director);
        var foster = await ReferAsync(outsider, Fostering, "Tom Okafor", "tom.okafor@example.com", null, "EX4");
        var peer = await ReferAsync(outsider, PeerLink, "Ann Okafor", "ann.okafor@example.com", null, "TQ12");
        await Eventually(async () => await app.Store.Schedule.GetAsync(Fostering, foster.Id, default) is not null, "the foster referral's plan published");
        await Eventually(async () => await app.Store.Schedule.GetAsync(PeerLink, peer.Id, default) is not null, "the peer-link referral's plan published");
        await app.SettleAsync();
        var mentor = await MentorAsync(fosterStaff, "Maya Jones", "maya@example.com", "EX4");

        // The scheme's own staff and the organisation-wide director: both referrals, everywhere.
        foreach (var insider in new[] { fosterStaff, director })
        {
            var listed = await ListedAsync(insider);
            Assert.Contains(foster.Id, listed);
            Assert.Contains(peer.Id, listed);
            await JsonAsync(await insider.GetAsync($"/api/referrals/{foster.Id}"), HttpStatusCode.OK);
            Assert.Equal(2, (await FoundAsync(insider, "Okafor")).Count);
            Assert.Contains(foster.Reference, await GetHtmlAsync(insider, "/dashboard"), StringComparison.Ordinal);
            Assert.Contains("Tom Okafor", await GetHtmlAsync(insider, $"/referrals/{foster.Id}"), StringComparison.Ordinal);
        }

        // Someone else: the peer-link referral (its scheme lists nobody), and nothing of the foster one.
        Assert.Equal([peer.Id], await ListedAsync(outsider));
        Assert.Equal([peer.Id], await FoundAsync(outsider, "Okafor"));
        Assert.Equal("No such referral", (await ProblemAsync(await outsider.GetAsync($"/api/referrals/{foster.Id}"), HttpStatusCode.NotFound)).GetProperty("title").GetString());
        await JsonAsync(await outsider.GetAsync($"/api/referrals/{peer.Id}"), HttpStatusCode.OK);
        await ProblemAsync(await outsider.GetAsync($"/api/referrals/{foster.Id}/contacts"), HttpStatusCode.NotFound);
        await ProblemAsync(await outsider.PostAsync($"/api/referrals/{foster.Id}/contacts", Json(new JsonObject { ["kind"] = "phone", ["note"] = "Rang her." })), HttpStatusCode.NotFound);
        await ProblemAsync(await outsider.PostAsync($"/api/referrals/{foster.Id}/contact", Json(new JsonObject())), HttpStatusCode.NotFound);
        Assert.Empty(await app.Store.CaseNotes.PartitionAsync(foster.Id, default));
        Assert.Null((await app.Store.Referrals.GetAsync(foster.Id, "", default))!.Value.FirstContactAt);
        Assert.DoesNotContain(foster.Id, (await JsonAsync(await outsider.GetAsync("/api/alerts?days=90"), HttpStatusCode.OK)).EnumerateArray().Select(a => a.GetProperty("referralId").GetString()));

        // Mentors, reports and the scheme's settings are the scheme's too.
        Assert.DoesNotContain(mentor, (await JsonAsync(await outsider.GetAsync("/api/mentors"), HttpStatusCode.OK)).EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        Assert.Contains(mentor, (await JsonAsync(await fosterStaff.GetAsync("/api/mentors"), HttpStatusCode.OK)).EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        Assert.Equal("No such mentor", (await ProblemAsync(await outsider.GetAsync($"/api/mentors/{mentor}/log"), HttpStatusCode.NotFound)).GetProperty("title").GetString());
        await ValidationProblemAsync(await outsider.PostAsync("/api/mentors", Json(new JsonObject { ["schemeId"] = Fostering, ["name"] = "Sam", ["email"] = "sam@example.com", ["capacity"] = 2 })), "schemeId");
        var month = Evaluation.Key(Evaluation.MonthOf(Now(app)));
        await ProblemAsync(await outsider.GetAsync($"/api/reports/{Fostering}/{month}"), HttpStatusCode.NotFound);
        var sections = (await JsonAsync(await outsider.GetAsync($"/api/reports/all/{month}"), HttpStatusCode.OK)).GetProperty("schemes").EnumerateArray().Select(s => s.GetProperty("schemeId").GetString()).ToList();
        Assert.Equal([PeerLink], sections);
        await ProblemAsync(await outsider.GetAsync($"/api/schemes/{Fostering}/notices"), HttpStatusCode.NotFound);
        await JsonAsync(await fosterStaff.GetAsync($"/api/schemes/{Fostering}/notices"), HttpStatusCode.OK);

        // The pages: not on the dashboard or the list, not found by reference or by name, and not opened or acted on.
        var dashboard = await GetHtmlAsync(outsider, "/dashboard");
        Assert.Contains(peer.Reference, dashboard, StringComparison.Ordinal);
        Assert.DoesNotContain(foster.Reference, dashboard, StringComparison.Ordinal);
        Assert.DoesNotContain("Tom Okafor", dashboard, StringComparison.Ordinal);
        Assert.DoesNotContain(foster.Reference, await GetHtmlAsync(outsider, "/referrals"), StringComparison.Ordinal);
        Assert.DoesNotContain("Maya Jones", await GetHtmlAsync(outsider, "/mentors"), StringComparison.Ordinal);
        await GetHtmlAsync(outsider, $"/referrals/find?reference={foster.Reference}", HttpStatusCode.NotFound);
        var byReference = await PostAsync(outsider, "/search", dashboard, [new("query", foster.Reference)]);
        Assert.DoesNotContain(foster.Id, byReference.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("Tom Okafor", await HtmlAsync(await PostAsync(outsider, "/search", dashboard, [new("query", "Okafor")]), HttpStatusCode.OK), StringComparison.Ordinal);
        var page = await GetHtmlAsync(outsider, $"/referrals/{foster.Id}", HttpStatusCode.NotFound);
        Assert.DoesNotContain("Tom Okafor", page, StringComparison.Ordinal);
        await HtmlAsync(await PostAsync(outsider, $"/referrals/{foster.Id}?handler=Contact", dashboard, []), HttpStatusCode.NotFound);
        await GetHtmlAsync(outsider, $"/mentors/{mentor}", HttpStatusCode.NotFound);
        await GetHtmlAsync(outsider, $"/schemes/{Fostering}/notices", HttpStatusCode.NotFound);
        Assert.Null((await app.Store.Referrals.GetAsync(foster.Id, "", default))!.Value.FirstContactAt);

        // What the refusals leave behind: no audit line of the outsider on the foster referral.
        Assert.DoesNotContain((await app.Store.Audit.PartitionAsync(foster.Id, default)).Select(a => a.Value), a => a.Actor == ApiApp.StaffName);
    }

    [Fact]
    public void EveryStaffRoute_NamingAReferralMentorOrScheme_IsGated()
    {
        var named = PeerFlowEndpoints.All.Where(e => e.Audience != Audience.Public && (e.Pattern.Contains("{id", StringComparison.Ordinal) || e.Pattern.Contains("{scheme}", StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(named);
        Assert.All(named, e => Assert.True(RecordGate.For(e) is not null, $"{e.Name} ({e.Pattern}) names a record but is not gated"));
        Assert.Equal(GatedRecord.Referral, RecordGate.For(PeerFlowEndpoints.Named("ReferralPagePost"))!.Record);
        Assert.Equal(GatedRecord.Mentor, RecordGate.For(PeerFlowEndpoints.Named("MentorProfilePage"))!.Record);
        Assert.Equal(GatedRecord.Scheme, RecordGate.For(PeerFlowEndpoints.Named("GetReport"))!.Record);
        Assert.Null(RecordGate.For(PeerFlowEndpoints.Named("ReferReceivedPage")));
    }

    [Fact]
    public void TheRule_ListedStaffAndOrganisationWideStaffOnly_AndEveryoneWhereNobodyIsListed()
    {
        var open = Scheme([], []);
        var listed = Scheme([FosterStaff], [Director]);
        Assert.True(SchemeAccess.Admits(open, Principal("anyone@example.org")));
        Assert.True(SchemeAccess.Admits(listed, Principal("FOSTERING.staff@example.org")));
        Assert.True(SchemeAccess.Admits(listed, Principal(Director)));
        Assert.False(SchemeAccess.Admits(listed, Principal("anyone@example.org")));
        Assert.True(SchemeAccess.Admits(listed, null)); // work no person started: workflows, schedules

        // Easy Auth's name may be a display name; the sign-in name then arrives as preferred_username.
        var identity = new System.Security.Claims.ClaimsIdentity("aad", "name", StaffRoles.ClaimType);
        identity.AddClaims([new("name", "Fostering Staff"), new("preferred_username", FosterStaff)]);
        Assert.True(SchemeAccess.Admits(listed, new System.Security.Claims.ClaimsPrincipal(identity)));
    }

    private static Domain.Schemes.Scheme Scheme(string[] staff, string[] organisationWide) => new()
    {
        Id = "s", Name = "S", Coordinator = new("C", "c@example.org"), Manager = new("M", "m@example.org"), Policy = new(),
        Staff = staff, OrganisationWideStaff = organisationWide,
    };

    private static System.Security.Claims.ClaimsPrincipal Principal(string name) =>
        ClientPrincipal.Decode(ClientPrincipal.Encode(name, [StaffRoles.Coordinator]))!;

    private static HttpClient As(ApiApp app, string name)
    {
        var http = Browser(app);
        http.DefaultRequestHeaders.Remove(ClientPrincipal.Header);
        http.DefaultRequestHeaders.Add(ClientPrincipal.Header, ClientPrincipal.Encode(name, [StaffRoles.Coordinator, StaffRoles.Manager]));
        return http;
    }

    private static async Task<List<string>> ListedAsync(HttpClient http) =>
        [.. (await JsonAsync(await http.GetAsync("/api/referrals"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()!)];

    private static string OrganisationWithFosterStaff()
    {
        var organisation = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "organisation.json")))!;
        organisation["schemes"]!.AsArray().Single(s => (string?)s!["id"] == Fostering)!["staff"] = new JsonArray(FosterStaff);
        organisation["organisationWideStaff"] = new JsonArray(Director);
        var path = Path.Combine(Path.GetTempPath(), $"peerflow-org-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, organisation.ToJsonString());
        return path;
    }
}
