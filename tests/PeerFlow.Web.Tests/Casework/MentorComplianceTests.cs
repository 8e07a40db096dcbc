using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Web.Tests.Api;
using static PeerFlow.Web.Tests.Api.ApiAssert;
using static PeerFlow.Web.Tests.Casework.CaseworkHttp;
using static PeerFlow.Web.Tests.Pages.PageForms;

namespace PeerFlow.Web.Tests.Casework;

/// <summary>
/// Mentor compliance that acts: a supervision and training log per mentor, supervision overdue at the scheme's
/// cadence, and current matches of a mentor whose check has run out flagged for a decision.
/// </summary>
public class MentorComplianceTests
{
    [Fact]
    public async Task TheLog_TakesSupervisionOnAPastDay_KeepsTheLatest_RefusesBadLines_AndListsNewestFirst()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var today = Today(app);
        var mentor = await MentorAsync(http, "Lin Log", today.AddYears(1));

        var logged = await JsonAsync(await http.PostAsync($"/api/mentors/{mentor}/log", Json(new JsonObject
        {
            ["kind"] = "supervision", ["on"] = Day(today.AddDays(-10)), ["who"] = "Priya Shah", ["note"] = "Talked through a hard visit.",
        })), HttpStatusCode.Created);
        Assert.Equal("Supervision", logged.GetProperty("kind").GetString());
        Assert.Equal(today.AddDays(-10), (await app.Store.Mentors.GetAsync("mentor", mentor, CancellationToken.None))!.Value.LastSupervisionOn);

        // One logged late, from before the latest, is kept in the log but does not move the latest back.
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync($"/api/mentors/{mentor}/log", Json(new JsonObject { ["kind"] = "Supervision", ["on"] = Day(today.AddDays(-40)) }))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync($"/api/mentors/{mentor}/log", Json(new JsonObject { ["kind"] = "training", ["note"] = "Safeguarding refresher" }))).StatusCode);
        Assert.Equal(today.AddDays(-10), (await app.Store.Mentors.GetAsync("mentor", mentor, CancellationToken.None))!.Value.LastSupervisionOn);

        await ValidationProblemAsync(await http.PostAsync($"/api/mentors/{mentor}/log", Json(new JsonObject { ["kind"] = "nap", ["on"] = Day(today.AddDays(1)) })), "kind", "on");
        await ValidationProblemAsync(await http.PostAsync($"/api/mentors/{mentor}/log", Json(new JsonObject { ["kind"] = "7" })), "kind");
        await ValidationProblemAsync(await http.PostAsync($"/api/mentors/{mentor}/log", Json(new JsonObject { ["kind"] = "other", ["on"] = Day(today.AddDays(-400)) })), "on");
        await ProblemAsync(await http.PostAsync("/api/mentors/nobody/log", Json(new JsonObject { ["kind"] = "other" })), HttpStatusCode.NotFound);
        await ProblemAsync(await http.GetAsync("/api/mentors/nobody/log"), HttpStatusCode.NotFound);

        var log = (await JsonAsync(await http.GetAsync($"/api/mentors/{mentor}/log"), HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal(
            [(Day(today), "Training"), (Day(today.AddDays(-10)), "Supervision"), (Day(today.AddDays(-40)), "Supervision")],
            log.Select(e => (e.GetProperty("on").GetString()!, e.GetProperty("kind").GetString()!)));
        Assert.Equal(ApiApp.StaffName, log[0].GetProperty("who").GetString());
    }

    [Fact]
    public async Task TheProfile_SaysSupervisionIsOverdue_TheFormRefusesABadDayStoringNothing_AndALoggedSupervisionClearsIt()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var today = Today(app);
        var mentor = await MentorAsync(http, "Ola Overdue", today.AddYears(1));
        await app.Store.Mentors.UpdateAsync("mentor", mentor, m => m with { ActiveMatches = 1, LastSupervisionOn = today.AddDays(-50) }, MatchProposals.MentorColumns, CancellationToken.None);

        var page = await GetHtmlAsync(http, $"/mentors/{mentor}");
        Assert.Contains("Supervision overdue since", page, StringComparison.Ordinal);
        Assert.Contains("Ola Overdue", Section(await GetHtmlAsync(http, "/dashboard"), "id=\"supervision\""), StringComparison.Ordinal);

        var bad = await HtmlAsync(await PostAsync(http, $"/mentors/{mentor}/log", page, [new("Log.Kind", "Supervision"), new("Log.On", "last Tuesday")]), HttpStatusCode.OK);
        Assert.Contains("Enter the day as a real date", bad, StringComparison.Ordinal);
        Assert.Equal("last Tuesday", Hidden(bad, "Log.On"));
        Assert.Empty(await app.Store.MentorLog.QueryAsync($"PartitionKey eq {mentor}", CancellationToken.None));

        var done = await PostAsync(http, $"/mentors/{mentor}/log", page, [new("Log.Kind", "Supervision"), new("Log.On", Day(today.AddDays(-1))), new("Log.Note", "One to one")]);
        Assert.Equal($"/mentors/{mentor}?logged=1#log", SeeOther(done));
        page = await GetHtmlAsync(http, $"/mentors/{mentor}?logged=1");
        Assert.Contains("Added to the log.", page, StringComparison.Ordinal);
        Assert.Contains("One to one", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Supervision overdue since", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Ola Overdue", Section(await GetHtmlAsync(http, "/dashboard"), "id=\"supervision\""), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMatchWhoseMentorsDbsHasRunOut_IsFlaggedForADecision_OnTheDashboardAndTheProfile()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var today = Today(app);
        var lapsed = await MentorAsync(http, "Dee Lapsed", today);
        var fine = await MentorAsync(http, "Fran Fine", today.AddYears(1));
        var tom = await ReferAsync(http, Fostering, "Tom Okafor", "tom.okafor@example.com", null, "EX4");
        var amy = await ReferAsync(http, Fostering, "Amy Stone", "amy.stone@example.com", null, "EX4");
        await ActiveWithAsync(app, tom.Id, lapsed);
        await ActiveWithAsync(app, amy.Id, fine);

        var dashboard = await GetHtmlAsync(http, "/dashboard");
        var decide = Section(dashboard, "id=\"matches-to-decide\"");
        Assert.Contains("1 match needs a decision", decide, StringComparison.Ordinal);
        Assert.Contains(tom.Reference, decide, StringComparison.Ordinal);
        Assert.Contains("Dee Lapsed", decide, StringComparison.Ordinal);
        Assert.Contains("DBS check expired on", decide, StringComparison.Ordinal);
        Assert.DoesNotContain(amy.Reference, decide, StringComparison.Ordinal);

        var profile = await GetHtmlAsync(http, $"/mentors/{lapsed}");
        Assert.Contains("Checks that need action", profile, StringComparison.Ordinal);
        Assert.Contains("not proposed for new families until it is recorded", profile, StringComparison.Ordinal);
        Assert.Contains("Decide whether each current match goes on", profile, StringComparison.Ordinal);
        Assert.DoesNotContain("Checks that need action", await GetHtmlAsync(http, $"/mentors/{fine}"), StringComparison.Ordinal);
    }

    private static DateOnly Today(ApiApp app) => DateOnly.FromDateTime(Now(app));

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The dashboard from a heading's marker to the next heading of its level.</summary>
    private static string Section(string html, string marker)
    {
        var start = html.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return "";
        }

        var end = html.IndexOf("<h2", start + marker.Length, StringComparison.Ordinal);
        return end < 0 ? html[start..] : html[start..end];
    }

    private static async Task<string> MentorAsync(HttpClient http, string name, DateOnly dbs) =>
        (await JsonAsync(await http.PostAsync("/api/mentors", Json(new JsonObject
        {
            ["schemeId"] = Fostering, ["name"] = name, ["email"] = name.ToLowerInvariant().Replace(' ', '.') + "@example.org",
            ["capacity"] = 2, ["dbsCheckExpires"] = Day(dbs), ["trainingCompleted"] = true, ["postcodeDistrict"] = "EX4",
            ["availability"] = new JsonArray("weekday-evening"),
        })), HttpStatusCode.Created)).GetProperty("id").GetString()!;

    /// <summary>The referral as its workflow leaves it once a match is accepted: the records are what the dashboard reads.</summary>
    private static async Task ActiveWithAsync(ApiApp app, string referralId, string mentorId)
    {
        // Once its workflow waits at assessment (its plan published) and has settled: a stage it wrote after this
        // would undo the one written here.
        await Eventually(async () => await app.Store.Schedule.GetAsync(Fostering, referralId, CancellationToken.None) is not null, "the referral's plan published");
        await app.SettleAsync();
        await app.Store.Referrals.UpdateAsync(
            referralId, "", r => r with { Stage = ReferralStage.Active, MentorId = mentorId, MatchedAt = Now(app).AddDays(-3) }, MatchProposals.ReferralColumns, CancellationToken.None);
        await app.Store.Mentors.UpdateAsync("mentor", mentorId, m => m with { ActiveMatches = 1, LastSupervisionOn = DateOnly.FromDateTime(Now(app)) }, MatchProposals.MentorColumns, CancellationToken.None);
    }
}
