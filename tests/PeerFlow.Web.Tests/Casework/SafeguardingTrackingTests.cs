using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerFlow.Web.SignIn;
using PeerFlow.Web.Tests.Api;
using static PeerFlow.Web.Tests.Api.ApiAssert;
using static PeerFlow.Web.Tests.Casework.CaseworkHttp;
using static PeerFlow.Web.Tests.Pages.PageForms;

namespace PeerFlow.Web.Tests.Casework;

/// <summary>A safeguarding concern is a tracked item: severity, owner, actions with times, and an outcome a manager records.</summary>
public class SafeguardingTrackingTests
{
    [Fact]
    public async Task AConcern_IsFirstOnTheDashboardWhileOpen_GathersActions_AndOnlyAManagerClosesIt()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var tom = await ReferAsync(http, Fostering, "Tom Okafor", "tom.okafor@example.com", null, "EX4");

        await ValidationProblemAsync(await http.PostAsync($"/api/referrals/{tom.Id}/safeguarding", Json(new JsonObject { ["details"] = "Bruising seen at the visit.", ["severity"] = "extreme" })), "severity");
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/referrals/{tom.Id}/safeguarding", Json(new JsonObject { ["details"] = "Bruising seen at the visit.", ["severity"] = "high" }))).StatusCode);
        var concern = Assert.Single((await JsonAsync(await http.GetAsync($"/api/referrals/{tom.Id}/concerns"), HttpStatusCode.OK)).EnumerateArray());
        var concernId = concern.GetProperty("id").GetString()!;
        Assert.Equal("High", concern.GetProperty("severity").GetString());
        Assert.Equal(ApiApp.StaffName, concern.GetProperty("owner").GetString());

        // Open: the first thing on the dashboard, before the counts.
        var dashboard = await GetHtmlAsync(http, "/dashboard");
        var section = dashboard.IndexOf("Open safeguarding concerns", StringComparison.Ordinal);
        Assert.InRange(section, 0, dashboard.IndexOf("At a glance", StringComparison.Ordinal));
        Assert.Contains($"{tom.Reference}</a> <span class=\"person-name\">Tom Okafor</span>: High severity", dashboard, StringComparison.Ordinal);

        // What was done, and who owns it now.
        await ValidationProblemAsync(await http.PostAsync($"/api/referrals/{tom.Id}/concerns/{concernId}/actions", Json(new JsonObject { ["text"] = " " })), "text");
        var acted = await JsonAsync(await http.PostAsync($"/api/referrals/{tom.Id}/concerns/{concernId}/actions", Json(new JsonObject
        {
            ["text"] = "Called the family's social worker.", ["owner"] = "Sam Patel",
        })), HttpStatusCode.OK);
        Assert.Equal("Sam Patel", acted.GetProperty("owner").GetString());
        Assert.Equal("Called the family's social worker.", Assert.Single(acted.GetProperty("actions").EnumerateArray()).GetProperty("text").GetString());

        // A coordinator cannot close it; a manager can, once, with an outcome.
        using (var coordinator = Browser(app))
        {
            coordinator.DefaultRequestHeaders.Remove(ClientPrincipal.Header);
            coordinator.DefaultRequestHeaders.Add(ClientPrincipal.Header, ClientPrincipal.Encode("only.coordinator@example.org", [StaffRoles.Coordinator]));
            await ProblemAsync(await coordinator.PostAsync($"/api/referrals/{tom.Id}/concerns/{concernId}/closure", Json(new JsonObject { ["outcome"] = "Sorted." })), HttpStatusCode.Forbidden);
            Assert.DoesNotContain("Close the concern", await GetHtmlAsync(coordinator, $"/referrals/{tom.Id}"), StringComparison.Ordinal);
        }

        await ValidationProblemAsync(await http.PostAsync($"/api/referrals/{tom.Id}/concerns/{concernId}/closure", Json(new JsonObject { ["outcome"] = "" })), "outcome");
        var closed = await JsonAsync(await http.PostAsync($"/api/referrals/{tom.Id}/concerns/{concernId}/closure", Json(new JsonObject
        {
            ["outcome"] = "Children's services visited; no further action.",
        })), HttpStatusCode.OK);
        Assert.Equal(ApiApp.StaffName, closed.GetProperty("closedBy").GetString());
        await ProblemAsync(await http.PostAsync($"/api/referrals/{tom.Id}/concerns/{concernId}/closure", Json(new JsonObject { ["outcome"] = "Again." })), HttpStatusCode.Conflict);
        await ProblemAsync(await http.PostAsync($"/api/referrals/{tom.Id}/concerns/{concernId}/actions", Json(new JsonObject { ["text"] = "Late." })), HttpStatusCode.Conflict);
        Assert.Equal(0, (await app.Store.Referrals.GetAsync(tom.Id, "", default))!.Value.OpenConcerns);

        Assert.DoesNotContain("Open safeguarding concerns", await GetHtmlAsync(http, "/dashboard"), StringComparison.Ordinal);
        var page = await GetHtmlAsync(http, $"/referrals/{tom.Id}");
        Assert.Contains("Closed: raised", page, StringComparison.Ordinal);
        Assert.Contains("Children&#x27;s services visited; no further action.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePage_RaisesAConcernWithItsSeverity_RecordsAnAction_AndAManagerClosesIt()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var tom = await ReferAsync(http, Fostering, "Tom Okafor", "tom.okafor@example.com", null, "EX4");
        var page = await GetHtmlAsync(http, $"/referrals/{tom.Id}");

        var raised = await PostAsync(http, $"/referrals/{tom.Id}?handler=Concern", page, [new("Concern.Details", "Worried about the home."), new("Concern.Severity", "Medium")]);
        Assert.Equal(HttpStatusCode.Redirect, raised.StatusCode);
        var after = await GetHtmlAsync(http, raised.Headers.Location!.OriginalString);
        Assert.Contains("Grace Mensah, the scheme&#x27;s safeguarding lead, and the coordinator have been alerted", after, StringComparison.Ordinal);
        var alert = await MailAsync(app, PeerFlow.Domain.Email.EmailTemplateNames.SafeguardingAlert, "fostering.safeguarding@example.org");
        Assert.DoesNotContain("Worried about the home", alert.Summary.Subject, StringComparison.Ordinal);
        Assert.Contains("Medium severity", after, StringComparison.Ordinal);
        var concernId = (await app.Store.Concerns.PartitionAsync(tom.Id, default)).Single().RowKey;

        var acted = await PostAsync(http, $"/referrals/{tom.Id}?notice={concernId}&handler=ConcernAction", after, [new("FollowUp.Text", "Home visit booked for Monday.")]);
        Assert.Equal($"/referrals/{tom.Id}?done=concern-action#main", acted.Headers.Location?.OriginalString);
        var empty = await HtmlAsync(await PostAsync(http, $"/referrals/{tom.Id}?notice={concernId}&handler=ConcernAction", after, [new("FollowUp.Text", "")]), HttpStatusCode.OK);
        Assert.Contains("Say what was done.", empty, StringComparison.Ordinal);

        var closed = await PostAsync(http, $"/referrals/{tom.Id}/concerns/{concernId}/close", after, [new("FollowUp.Outcome", "Visit went well; closed.")]);
        Assert.Equal($"/referrals/{tom.Id}?done=concern-closed#main", closed.Headers.Location?.OriginalString);
        var final = await GetHtmlAsync(http, $"/referrals/{tom.Id}");
        Assert.Contains("Home visit booked for Monday.", final, StringComparison.Ordinal);
        Assert.Contains("Visit went well; closed.", final, StringComparison.Ordinal);
        Assert.Contains("all closed", final, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARedCheckIn_RaisesAConcernInOneStep_FromTheMentorsLink()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var rosa = await MentorAsync(http, "Rosa Martin", "rosa.martin@example.org", "EX4");
        var tom = await ReferAsync(http, Fostering, "Tom Okafor", "tom.okafor@example.com", null, "EX4");
        await AssessSuitableAsync(http, tom.Id, "EX4");
        await WaitForStageAsync(app, tom.Id, PeerFlow.Domain.Records.ReferralStage.Matching);
        var matchId = (await JsonAsync(await http.PostAsync($"/api/referrals/{tom.Id}/matches", Json(new JsonObject { ["mentorId"] = rosa })), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/referrals/{tom.Id}/matches/{matchId}/answer", Json(new JsonObject { ["accepted"] = true }))).StatusCode);
        await WaitForStageAsync(app, tom.Id, PeerFlow.Domain.Records.ReferralStage.Active);
        var token = app.Services.GetRequiredService<PeerFlow.Domain.Links.SignedLinks>().Create(PeerFlow.Domain.Links.LinkAction.LogCheckIn, tom.Id, matchId, TimeSpan.FromDays(7));

        // The mentor, signed in as nobody.
        using var mentor = Browser(app);
        mentor.DefaultRequestHeaders.Remove(ClientPrincipal.Header);

        // Asked to raise a concern with nothing said about it: the check-in is refused as a whole, and the link kept.
        await ValidationProblemAsync(await mentor.PostAsync($"/api/links/checkin/{token}", Json(new JsonObject { ["rag"] = "red", ["met"] = true, ["raiseConcern"] = true })), "notes");

        Assert.Equal(HttpStatusCode.Accepted, (await mentor.PostAsync($"/api/links/checkin/{token}", Json(new JsonObject
        {
            ["rag"] = "red", ["met"] = true, ["notes"] = "Tom said he is frightened at home.", ["raiseConcern"] = true,
        }))).StatusCode);
        var concern = Assert.Single((await JsonAsync(await http.GetAsync($"/api/referrals/{tom.Id}/concerns"), HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal("The mentor, through their check-in link", concern.GetProperty("raisedBy").GetString());
        Assert.Equal("High", concern.GetProperty("severity").GetString());
        Assert.Equal("Priya Shah", concern.GetProperty("owner").GetString()); // the scheme's coordinator, as nobody signed in raised it
        Assert.Equal("Tom said he is frightened at home.", concern.GetProperty("details").GetString());
        await MailAsync(app, PeerFlow.Domain.Email.EmailTemplateNames.SafeguardingAlert, "fostering.safeguarding@example.org");
    }
}
