using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using PeerFlow.Domain.Records;
using PeerFlow.Web.Tests.Api;
using static PeerFlow.Web.Tests.Api.ApiAssert;
using static PeerFlow.Web.Tests.Pages.PageForms;

namespace PeerFlow.Web.Tests.Pages;

/// <summary>The referral page and the dashboard over HTTP, as a browser without scripts uses them, with the real worker.</summary>
public class ReferralPageTests
{
    [Fact]
    public async Task UnknownReferral_IsNotFound()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/referrals/no-such-referral")).StatusCode);
    }

    [Fact]
    public async Task AssessmentWithoutOutcome_ShowsTheFormAgain_WithItsMessagesAndWhatWasTyped_AndChangesNothing()
    {
        await using var app = new ApiApp { EasyAuth = false };
        using var http = Browser(app);
        var id = await ReferAsync(http, "foster-mentoring");
        var page = await GetHtmlAsync(http, $"/referrals/{id}");

        var response = await PostAsync(http, $"/referrals/{id}?handler=Assessment", page,
            [new("Assessment.PostcodeDistrict", "EX9"), new("Assessment.Interests", "canoeing, chess")]);

        var html = await HtmlAsync(response, HttpStatusCode.OK);
        Assert.Contains("<title>Error: Referral", html, StringComparison.Ordinal);
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Assessment_Outcome\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"Assessment_Outcome-error\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"EX9\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"canoeing, chess\"", html, StringComparison.Ordinal);
        var stored = (await app.Store.Referrals.GetAsync(id, "", default))!.Value;
        Assert.Null(stored.AssessedAt);
        Assert.Equal(ReferralStage.Assessment, stored.Stage);
    }

    [Fact]
    public async Task Coordinator_AssessesThenProposesFromTheExplainedShortlist_ThroughThePage()
    {
        await using var app = new ApiApp { EasyAuth = false };
        using var http = Browser(app);
        var mentorId = await MentorAsync(http, "Rosa Martin", "EX4");
        var id = await ReferAsync(http, "foster-mentoring");
        var page = await GetHtmlAsync(http, $"/referrals/{id}");

        var assessed = await PostAsync(http, $"/referrals/{id}?handler=Assessment", page,
        [
            new("Assessment.Outcome", "Suitable"), new("Assessment.PostcodeDistrict", "ex4"), new("Assessment.Availability", "weekday-evening"),
            new("Assessment.Interests", "walking, art"), new("Assessment.MeetsInPerson", "yes"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, assessed.StatusCode);
        Assert.Equal($"/referrals/{id}?done=assessment#main", assessed.Headers.Location?.OriginalString);
        var profile = (await app.Store.Referrals.GetAsync(id, "", default))!.Value.Profile!;
        Assert.Equal("EX4", profile.PostcodeDistrict);
        Assert.Equal(["walking", "art"], profile.Interests);
        Assert.Equal(["weekday-evening"], profile.Availability);

        var matching = await Eventually(async () =>
        {
            var html = await GetHtmlAsync(http, $"/referrals/{id}");
            return html.Contains("Choose a mentor", StringComparison.Ordinal) ? html : null;
        }, "the shortlist on the referral page");
        Assert.Contains("Propose Rosa Martin", matching, StringComparison.Ordinal);
        Assert.Contains("Same postcode district", matching, StringComparison.OrdinalIgnoreCase);

        var proposed = await PostAsync(http, $"/referrals/{id}?handler=Propose", matching, [new("Propose.MentorId", mentorId)]);
        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        var after = await GetHtmlAsync(http, $"/referrals/{id}?done=propose");
        Assert.Contains("Match proposed", after, StringComparison.Ordinal);
        Assert.Contains("Record: mentor accepted", after, StringComparison.Ordinal);
        Assert.Equal(1, (await app.Store.Mentors.GetAsync("mentor", mentorId, default))!.Value.ActiveMatches);

        // Proposing again while the first proposal waits is refused with a message, not an error page.
        var again = await PostAsync(http, $"/referrals/{id}?handler=Propose", matching, [new("Propose.MentorId", mentorId)]);
        Assert.Contains("A proposal is already waiting", await HtmlAsync(again, HttpStatusCode.OK), StringComparison.Ordinal);

        // The mentor said yes on the phone; the coordinator records it, then logs the first check-in.
        var matchId = (await app.Store.Referrals.GetAsync(id, "", default))!.Value.CurrentMatchId!;
        var accepted = await PostAsync(http, $"/referrals/{id}?handler=Answer&matchId={matchId}&accepted=true", after, []);
        Assert.Equal($"/referrals/{id}?done=accepted#main", accepted.Headers.Location?.OriginalString);

        // A second answer to the same proposal is not kept: the page says which answer was.
        var second = await PostAsync(http, $"/referrals/{id}?handler=Answer&matchId={matchId}&accepted=false", after, []);
        Assert.Contains("already been answered: the match was accepted", await HtmlAsync(second, HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.Equal(MatchAnswer.Accepted, (await app.Store.Matches.GetAsync(id, matchId, default))!.Value.Answer);
        var active = await Eventually(async () =>
        {
            var html = await GetHtmlAsync(http, $"/referrals/{id}");
            return html.Contains("Log check-in", StringComparison.Ordinal) ? html : null;
        }, "the check-in form of the active match");

        var unanswered = await HtmlAsync(await PostAsync(http, $"/referrals/{id}?handler=CheckIn", active, [new("CheckIn.Notes", "Spoke by phone")]), HttpStatusCode.OK);
        Assert.Contains("<a href=\"#CheckIn_Rag\">Choose green, amber or red.</a>", unanswered, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#CheckIn_Met\">Say whether they have met since the last check-in.</a>", unanswered, StringComparison.Ordinal);
        Assert.True(unanswered.IndexOf("#CheckIn_Rag", StringComparison.Ordinal) < unanswered.IndexOf("#CheckIn_Met", StringComparison.Ordinal), "The summary is not in form order.");
        Assert.Contains(">Spoke by phone</textarea>", unanswered, StringComparison.Ordinal);
        Assert.Empty(await app.Store.CheckIns.PartitionAsync(id, default));

        var logged = await PostAsync(http, $"/referrals/{id}?handler=CheckIn", active, [new("CheckIn.Rag", "Amber"), new("CheckIn.Met", "yes"), new("CheckIn.Notes", "Spoke by phone")]);
        Assert.Equal($"/referrals/{id}?done=checkin#main", logged.Headers.Location?.OriginalString);
        var checkIn = Assert.Single(await app.Store.CheckIns.PartitionAsync(id, default)).Value;
        Assert.Equal((RagStatus.Amber, true, "Spoke by phone"), (checkIn.Rag, checkIn.MetSinceLastCheckIn, checkIn.Notes));
        Assert.Equal(RagStatus.Amber, (await app.Store.Referrals.GetAsync(id, "", default))!.Value.LastRag);
    }

    [Fact]
    public async Task AProposalWhoseAnswerIsKept_ButNotYetActedOn_ShowsTheAnswer_NotButtonsForAnother()
    {
        await using var app = new ApiApp { EasyAuth = false };
        using var http = Browser(app);
        var id = await ReferAsync(http, "foster-mentoring");
        await app.SettleAsync();
        var match = new Match { Id = "mkept0001", ReferralId = id, MentorId = "ann", ProposedAt = DateTime.UtcNow, Answer = MatchAnswer.Declined, AnsweredAt = DateTime.UtcNow };
        await app.Store.Matches.TryInsertAsync(id, match.Id, match, Domain.Referrals.MatchProposals.Columns(match), default);
        await app.Store.Referrals.UpdateAsync(id, "", r => r with { Stage = ReferralStage.Matching, CurrentMatchId = match.Id }, Domain.Referrals.MatchProposals.ReferralColumns, default);

        var page = await GetHtmlAsync(http, $"/referrals/{id}");

        Assert.Contains("Answer recorded: the mentor declined.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Record: mentor accepted", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindByReference_OpensTheReferral_WhateverTheCase_AndSaysSoWhenThereIsNone()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var id = await ReferAsync(http, "foster-mentoring");
        var reference = (await app.Store.Referrals.GetAsync(id, "", default))!.Value.Reference;

        var found = await http.GetAsync($"/referrals/find?reference=%20{reference.ToLowerInvariant()}%20");
        Assert.Equal(HttpStatusCode.Redirect, found.StatusCode);
        Assert.Equal($"/referrals/{id}", found.Headers.Location?.OriginalString);

        var missing = await HtmlAsync(await http.GetAsync("/referrals/find?reference=FCM-1999-9999"), HttpStatusCode.NotFound);
        Assert.Contains("There is no referral with the reference <strong>FCM-1999-9999</strong>", missing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeferredReferral_CanBeTakenBackToAssessmentEarly()
    {
        await using var app = new ApiApp { EasyAuth = false };
        using var http = Browser(app);
        var id = await ReferAsync(http, "foster-mentoring");
        var page = await GetHtmlAsync(http, $"/referrals/{id}");
        var today = DateOnly.FromDateTime((await app.Store.Referrals.GetAsync(id, "", default))!.Value.ReceivedAt);
        var deferred = await PostAsync(http, $"/referrals/{id}?handler=Assessment", page,
            [new("Assessment.Outcome", "Deferred"), new("Assessment.RecontactOn", today.AddMonths(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Redirect, deferred.StatusCode);

        var waiting = await Eventually(async () =>
        {
            var html = await GetHtmlAsync(http, $"/referrals/{id}");
            return html.Contains("Back to assessment now", StringComparison.Ordinal) ? html : null;
        }, "the deferred referral's page");
        var back = await PostAsync(http, $"/referrals/{id}?handler=Recontact", waiting, []);
        Assert.Equal($"/referrals/{id}?done=recontact#main", back.Headers.Location?.OriginalString);

        await Eventually(async () => (await app.Store.Referrals.GetAsync(id, "", default))!.Value.Stage == ReferralStage.Assessment, "the referral back at assessment");
        var again = await PostAsync(http, $"/referrals/{id}?handler=Recontact", waiting, []);
        Assert.Contains("Only a deferred referral can be taken back", await HtmlAsync(again, HttpStatusCode.OK), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_ShowsAnAssessmentAsOverdue_OnceTheSandboxClockPassesItsDeadline()
    {
        await using var app = new ApiApp { EasyAuth = false };
        using var http = Browser(app);
        var id = await ReferAsync(http, "foster-mentoring");
        var reference = (await app.Store.Referrals.GetAsync(id, "", default))!.Value.Reference;
        await Eventually(async () => (await app.Workflows.GetStatusAsync(id))?.SerializedCustomStatus?.Contains("assessment-overdue", StringComparison.Ordinal) == true, "the assessment deadline scheduled");
        var before = await GetHtmlAsync(http, "/dashboard");
        Assert.DoesNotContain("Assessment overdue", before, StringComparison.Ordinal);
        Assert.Matches("<span class=\"count__number\">1</span>\\s*<a href=\"/referrals\\?stage=Assessment\">Awaiting assessment</a>", before);

        await JsonAsync(await http.PostAsync("/dev/clock/advance?days=20", null), HttpStatusCode.OK);

        var after = await GetHtmlAsync(http, "/dashboard?scheme=foster-mentoring");
        var overdue = after[after.IndexOf("id=\"overdue\"", StringComparison.Ordinal)..after.IndexOf("id=\"due-soon\"", StringComparison.Ordinal)];
        Assert.Contains(reference, overdue, StringComparison.Ordinal);
        Assert.Contains("Assessment overdue", overdue, StringComparison.Ordinal);
        var otherScheme = await GetHtmlAsync(http, "/dashboard?scheme=peer-link");
        Assert.DoesNotContain(reference, otherScheme, StringComparison.Ordinal);
    }

    private static async Task<string> ReferAsync(HttpClient http, string scheme)
    {
        var body = new JsonObject
        {
            ["schemeId"] = scheme,
            ["kind"] = "Self",
            ["consent"] = true,
            ["name"] = "Jamie Fox",
            ["email"] = "jamie.fox@example.com",
            ["postcodeDistrict"] = "EX4",
        };
        return (await JsonAsync(await http.PostAsync("/api/referrals", Json(body)), HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
    }

    private static async Task<string> MentorAsync(HttpClient http, string name, string postcodeDistrict)
    {
        var body = new JsonObject
        {
            ["schemeId"] = "foster-mentoring",
            ["name"] = name,
            ["email"] = "rosa.martin@example.org",
            ["capacity"] = 2,
            ["dbsCheckExpires"] = DateTime.UtcNow.AddYears(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["trainingCompleted"] = true,
            ["postcodeDistrict"] = postcodeDistrict,
            ["availability"] = new JsonArray("weekday-evening"),
            ["interests"] = new JsonArray("walking"),
            ["languages"] = new JsonArray("English"),
        };
        return (await JsonAsync(await http.PostAsync("/api/mentors", Json(body)), HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }
}
