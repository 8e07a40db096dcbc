using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PeerFlow.Domain.Email;
using PeerFlow.Domain.Links;
using PeerFlow.Domain.Notices;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Schemes;
using PeerFlow.Orchestrations;
using PeerFlow.Orchestrations.Activities;
using PeerFlow.Web.Tests.Api;
using static PeerFlow.Web.Tests.Api.ApiAssert;
using static PeerFlow.Web.Tests.Pages.PageForms;

namespace PeerFlow.Web.Tests.Pages;

/// <summary>
/// The mentee's outcome questions (issue 21): the scheme's statements, asked through a signed link as the match starts
/// and again at closure, kept as records of the referral, and refused once answered or where the scheme asks none.
/// The demo organisation file gives fostering five statements.
/// </summary>
public class OutcomeLinkTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly string[] Fostering = ["confident", "less-alone", "coping", "know-support", "staying"];

    [Fact]
    public async Task StartQuestions_ShowEveryStatement_AMissingAnswerKeepsTheLink_ThenTheScoresAreKeptOnce()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var id = await ReferAsync(http);
        await app.SettleAsync();
        await app.Store.Referrals.UpdateAsync(id, "", r => r with { Stage = ReferralStage.Active }, MatchProposals.ReferralColumns, None);
        var url = "/m/mentee-outcomes/" + Links(app).Create(LinkAction.MenteeOutcomes, id, OutcomeMoment.Start, TimeSpan.FromDays(28));

        var page = await GetHtmlAsync(http, url);
        Assert.Contains("<h1>How you feel as your support starts</h1>", page, StringComparison.Ordinal);
        Assert.Contains("I can cope when things get difficult", page, StringComparison.Ordinal);
        Assert.Equal(5, System.Text.RegularExpressions.Regex.Count(page, "<fieldset"));
        Assert.Equal(25, System.Text.RegularExpressions.Regex.Count(page, "type=\"radio\""));

        // One statement left out: the form comes back with the others still chosen, asking for that one, and nothing is kept.
        var mistake = await HtmlAsync(await PostAsync(http, url, page, Answers(skip: "coping")), HttpStatusCode.OK);
        Assert.Contains("<a href=\"#Input_Scores_Coping\">Choose a number from 1 to 5 for", mistake, StringComparison.Ordinal);
        Assert.Contains("checked=\"checked\" type=\"radio\" id=\"Input_Scores_Confident-1\" name=\"Input.Scores.Confident\" value=\"2\"", mistake, StringComparison.Ordinal);
        Assert.Empty(await app.Store.OutcomeAnswers.PartitionAsync(id, None));

        Assert.Equal("/m/done?action=mentee-outcomes", SeeOther(await PostAsync(http, url, mistake, Answers())));
        Assert.Contains("Thank you for your answers", await GetHtmlAsync(http, "/m/done?action=mentee-outcomes"), StringComparison.Ordinal);
        var kept = Assert.Single(await app.Store.OutcomeAnswers.PartitionAsync(id, None)).Value;
        Assert.Equal(OutcomeMoment.Start, kept.Moment);
        Assert.Equal(new Dictionary<string, int> { ["confident"] = 2, ["less-alone"] = 3, ["coping"] = 4, ["know-support"] = 1, ["staying"] = 5 }, kept.Scores);
        var line = Assert.Single(await app.Store.Timeline.PartitionAsync(id, None), t => t.Value.Kind == "outcomes").Value;
        Assert.DoesNotMatch("[0-9]", line.Text); // the timeline says they answered, not what

        // Used up; and a second link for the same moment is told they already answered.
        Assert.Contains("already been used", await GetHtmlAsync(http, url, HttpStatusCode.Conflict), StringComparison.Ordinal);
        var again = "/m/mentee-outcomes/" + Links(app).Create(LinkAction.MenteeOutcomes, id, OutcomeMoment.Start, TimeSpan.FromDays(28));
        Assert.Contains("You have already answered these questions", await GetHtmlAsync(http, again, HttpStatusCode.Conflict), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloseQuestions_OverTheApi_RefuseOutOfRangeAndUnknownStatements_AndASchemeWithoutAScaleAsksNothing()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var id = await ReferAsync(http);
        var token = Links(app).Create(LinkAction.MenteeOutcomes, id, OutcomeMoment.Close, TimeSpan.FromDays(14));

        var bad = await http.PostAsJsonAsync("/api/links/mentee-outcomes/" + token, new { scores = new Dictionary<string, int> { ["confident"] = 6, ["made-up"] = 3 } });
        var problem = await ProblemAsync(bad, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("scores.confident", out _));
        Assert.True(errors.TryGetProperty("scores.coping", out _));
        Assert.True(errors.TryGetProperty("scores.made-up", out _));

        var good = await http.PostAsJsonAsync("/api/links/mentee-outcomes/" + token, new { scores = Fostering.ToDictionary(s => s, _ => 4) });
        Assert.Equal(HttpStatusCode.Accepted, good.StatusCode);
        Assert.Equal(OutcomeMoment.Close, Assert.Single(await app.Store.OutcomeAnswers.PartitionAsync(id, None)).Value.Moment);

        // Kept with the referral: what subject access exports and erasure removes.
        using (var scope = app.Services.CreateScope())
        {
            var records = scope.ServiceProvider.GetRequiredService<PeerFlow.Web.Actions.ReferralRecords>();
            var kind = Assert.Single(records.Kinds, k => k.Name == "outcomeAnswers");
            var referral = (await app.Store.Referrals.GetAsync(id, "", None))!.Value;
            var read = Assert.Single(await kind.ReadAsync(await records.ScopeAsync(referral, None), None));
            Assert.Equal(4, Assert.IsType<OutcomeAnswers>(read).Scores["coping"]);
            await kind.EraseAsync(await records.ScopeAsync(referral, None), None);
            Assert.Empty(await app.Store.OutcomeAnswers.PartitionAsync(id, None));
        }

        // A scheme that asks no questions: the link says so instead of a form.
        var scheme = await app.Services.GetRequiredService<SchemeCatalog>().GetAsync("foster-mentoring", None);
        await app.Store.Schemes.UpsertAsync("scheme", "foster-mentoring", scheme! with { OutcomeScale = null }, null, None);
        var url = "/m/mentee-outcomes/" + Links(app).Create(LinkAction.MenteeOutcomes, id, OutcomeMoment.Start, TimeSpan.FromDays(28));
        var refused = await GetHtmlAsync(http, url, HttpStatusCode.Conflict);
        Assert.Contains("These questions are no longer asked", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheMatchEmailAsksTheStartQuestions_TheFeedbackRequestTheCloseOnes_EachUntilAnswered()
    {
        await using var app = new ApiApp { EasyAuth = false }; // the development mail capture, to read the emails
        using var http = Browser(app);
        var id = await ReferAsync(http);
        await app.SettleAsync();
        var mentor = new Mentor { Id = "mout", SchemeId = "foster-mentoring", Name = "Rosa Martin", Email = "rosa.outcomes@example.org", Capacity = 2, ActiveMatches = 1, Active = true };
        Assert.True(await app.Store.Mentors.TryInsertAsync("mentor", mentor.Id, mentor, MatchProposals.MentorColumns(mentor), None));
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var match = new Match { Id = "mout1", ReferralId = id, MentorId = mentor.Id, Status = MatchStatus.Active, ProposedAt = now.AddDays(-2), RespondedAt = now.AddDays(-1) };
        Assert.True(await app.Store.Matches.TryInsertAsync(id, match.Id, match, MatchProposals.Columns(match), None));
        await app.Store.Referrals.UpdateAsync(id, "", r => r with { Stage = ReferralStage.Active, CurrentMatchId = match.Id }, MatchProposals.ReferralColumns, None);
        var sender = app.Services.GetRequiredService<INoticeSender>();

        await sender.SendAsync(new NoticeRequest(id, Notice.MatchConfirmed, match.Id), "outcome-match", None);
        var confirmed = await MailAsync(app, EmailTemplateNames.MatchConfirmed, "jamie.outcomes@example.com");
        var start = LinkToken(confirmed, "mentee-outcomes");
        Assert.Contains("How you feel as you start", confirmed.Html, StringComparison.Ordinal);
        var toMentor = await MailAsync(app, EmailTemplateNames.MatchConfirmed, mentor.Email);
        Assert.DoesNotContain("/m/mentee-outcomes", toMentor.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsJsonAsync("/api/links/mentee-outcomes/" + start, new { scores = Fostering.ToDictionary(s => s, _ => 2) })).StatusCode);

        await sender.SendAsync(new NoticeRequest(id, Notice.FeedbackRequest), "outcome-feedback", None);
        var request = await MailAsync(app, EmailTemplateNames.FeedbackRequest, "jamie.outcomes@example.com");
        var close = LinkToken(request, "mentee-outcomes");
        Assert.Contains("How you feel now your support is ending", await GetHtmlAsync(http, "/m/mentee-outcomes?t=" + close), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsJsonAsync("/api/links/mentee-outcomes/" + close, new { scores = Fostering.ToDictionary(s => s, _ => 4) })).StatusCode);

        // Answered at both moments: a second match email and the reminder ask nothing more.
        await sender.SendAsync(new NoticeRequest(id, Notice.MatchConfirmed, match.Id), "outcome-match-again", None);
        await sender.SendAsync(new NoticeRequest(id, Notice.FeedbackReminder), "outcome-reminder", None);
        var later = (await app.Mail.ListAsync()).Where(m => m.To.Contains("jamie.outcomes@example.com", StringComparer.OrdinalIgnoreCase)).ToList();
        Assert.Equal(2, later.Count(m => m.Template == EmailTemplateNames.MatchConfirmed));
        var reminder = await MailAsync(app, EmailTemplateNames.FeedbackReminder, "jamie.outcomes@example.com");
        Assert.DoesNotContain("/m/mentee-outcomes", reminder.Text, StringComparison.Ordinal);
        var withLink = 0;
        foreach (var summary in later.Where(m => m.Template == EmailTemplateNames.MatchConfirmed))
        {
            withLink += (await app.Mail.GetAsync(summary.Id))!.Text!.Contains("/m/mentee-outcomes?t=", StringComparison.Ordinal) ? 1 : 0;
        }

        Assert.Equal(1, withLink);
    }

    private static IEnumerable<KeyValuePair<string, string>> Answers(string? skip = null) =>
        new Dictionary<string, string> { ["Confident"] = "2", ["Less-alone"] = "3", ["Coping"] = "4", ["Know-support"] = "1", ["Staying"] = "5" }
            .Where(a => !string.Equals(a.Key, skip, StringComparison.OrdinalIgnoreCase))
            .Select(a => new KeyValuePair<string, string>("Input.Scores." + a.Key, a.Value));

    private static SignedLinks Links(ApiApp app) => app.Services.GetRequiredService<SignedLinks>();

    private static async Task<string> ReferAsync(HttpClient http)
    {
        var response = await http.PostAsJsonAsync("/api/referrals", new
        {
            schemeId = "foster-mentoring",
            kind = "Self",
            consent = true,
            name = "Jamie Fox",
            email = "jamie.outcomes@example.com",
            postcodeDistrict = "EX2",
            reasonForReferral = "Newly approved and would value support.",
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
