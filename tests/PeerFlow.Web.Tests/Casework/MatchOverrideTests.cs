using System.Net;
using System.Text.Json.Nodes;
using PeerFlow.Domain.Records;
using PeerFlow.Web.Tests.Api;
using static PeerFlow.Web.Tests.Api.ApiAssert;
using static PeerFlow.Web.Tests.Casework.CaseworkHttp;
using static PeerFlow.Web.Tests.Pages.PageForms;

namespace PeerFlow.Web.Tests.Casework;

/// <summary>
/// Matching without dead ends: a mentor the shortlist excludes for the family's area is proposed with a reason, the
/// override is kept on the match, on the timeline and in the managers' list, and is erased with the referral; safety
/// (a lapsed DBS check) is never set aside, whatever the reason.
/// </summary>
public class MatchOverrideTests
{
    [Fact]
    public async Task ANonLocalMentor_IsProposedWithAReason_ListedForManagers_AndALapsedCheckIsNever()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var tom = await ReferAsync(http, Fostering, "Tom Okafor", "tom.okafor@example.com", null, "TQ12");
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/referrals/{tom.Id}/assessment", Json(new JsonObject
        {
            ["outcome"] = "suitable",
            ["profile"] = new JsonObject { ["postcodeDistrict"] = "TQ12", ["meetsInPerson"] = true, ["availability"] = new JsonArray("weekday-evening") },
        }))).StatusCode);
        await WaitForStageAsync(app, tom.Id, ReferralStage.Matching);
        var exeter = await MentorAsync(http, "Ed Exeter", "ed.exeter@example.org", "EX4");
        var lapsed = await MentorAsync(http, "Dee Lapsed", "dee.lapsed@example.org", "TQ12");
        await app.Store.Mentors.UpdateAsync("mentor", lapsed, m => m with { DbsCheckExpires = DateOnly.FromDateTime(Now(app)) }, Domain.Referrals.MatchProposals.MentorColumns, default);

        // Without a reason: refused, saying why and what would let it through; nothing proposed.
        var refused = await ProblemAsync(await http.PostAsync($"/api/referrals/{tom.Id}/matches", Json(new JsonObject { ["mentorId"] = exeter })), HttpStatusCode.Conflict);
        Assert.Contains("Not local: EX vs TQ", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("Give a reason", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var safety = await ProblemAsync(await http.PostAsync($"/api/referrals/{tom.Id}/matches", Json(new JsonObject { ["mentorId"] = lapsed, ["overrideReason"] = "She knows the family" })), HttpStatusCode.Conflict);
        Assert.Contains("cannot be proposed: DBS check expired on", safety.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null((await app.Store.Referrals.GetAsync(tom.Id, "", default))!.Value.CurrentMatchId);

        var proposed = await JsonAsync(await http.PostAsync($"/api/referrals/{tom.Id}/matches", Json(new JsonObject
        {
            ["mentorId"] = exeter, ["overrideReason"] = "Ed drives to Newton Abbot every week",
        })), HttpStatusCode.Created);
        var matchId = proposed.GetProperty("id").GetString()!;
        var match = (await app.Store.Matches.GetAsync(tom.Id, matchId, default))!.Value;
        Assert.Equal("Ed drives to Newton Abbot every week", match.OverrideReason);
        Assert.Equal(["Not local: EX vs TQ"], match.Overridden);

        var month = Now(app).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var listed = Assert.Single((await JsonAsync(await http.GetAsync($"/api/matching/overrides?month={month}"), HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal((tom.Reference, exeter, "Ed drives to Newton Abbot every week", ApiApp.StaffName),
            (listed.GetProperty("reference").GetString(), listed.GetProperty("mentorId").GetString(), listed.GetProperty("reason").GetString(), listed.GetProperty("by").GetString()));
        await ValidationProblemAsync(await http.GetAsync("/api/matching/overrides?month=soon"), "month");
        var page = await GetHtmlAsync(http, $"/matching/overrides?month={month}");
        Assert.Contains("Ed Exeter", Row(page, tom.Reference), StringComparison.Ordinal);
        Assert.Contains("Not local: EX vs TQ", Row(page, tom.Reference), StringComparison.Ordinal);
        var timeline = await JsonAsync(await http.GetAsync($"/api/referrals/{tom.Id}"), HttpStatusCode.OK);
        Assert.Contains("Proposed despite the shortlist (Not local: EX vs TQ)", timeline.GetRawText(), StringComparison.Ordinal);

        // Erasure takes the override with the referral.
        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync($"/api/referrals/{tom.Id}?confirm={tom.Reference}")).StatusCode);
        Assert.Empty((await JsonAsync(await http.GetAsync($"/api/matching/overrides?month={month}"), HttpStatusCode.OK)).EnumerateArray());
    }
}
