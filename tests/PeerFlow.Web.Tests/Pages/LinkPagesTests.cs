using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PeerFlow.Domain.Links;
using PeerFlow.Domain.Notices;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.LocalEngine.Clock;
using PeerFlow.Domain.Email;
using PeerFlow.Domain.Storage;
using PeerFlow.Orchestrations;
using PeerFlow.Orchestrations.Activities;
using PeerFlow.Web.Tests.Api;
using static PeerFlow.Web.Tests.Api.ApiAssert;
using static PeerFlow.Web.Tests.Pages.PageForms;

namespace PeerFlow.Web.Tests.Pages;

/// <summary>
/// The pages behind the signed links in emails, over HTTP. Links are made here with <see cref="SignedLinks"/>; the
/// referral is made active by setting its record (once its workflow has settled) rather than by its workflow.
/// </summary>
public class LinkPagesTests
{
    private const string MatchId = "mtest0001";

    [Theory]
    [InlineData("/m/checkin/not-a-token")]
    [InlineData("/m/checkin/99999999999.AAAA")]
    [InlineData("/m/knit/whatever")]
    public async Task InvalidLink_IsA404PageSayingSo(string url)
    {
        await using var app = new ApiApp();
        using var http = Browser(app);

        var html = await GetHtmlAsync(http, url, HttpStatusCode.NotFound);

        Assert.Contains("<h1>This link is not valid</h1>", html, StringComparison.Ordinal);
        Assert.Contains("coordinator", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckIn_ShownWithoutUsingTheLink_AMistakeKeepsItWorking_ThenItIsLoggedOnce()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var (id, reference) = await ActiveReferralAsync(app, http);
        var url = "/m/checkin/" + Links(app).Create(LinkAction.LogCheckIn, id, MatchId, TimeSpan.FromDays(7));

        var page = await GetHtmlAsync(http, url);
        Assert.Contains("How is the match going?", page, StringComparison.Ordinal);
        Assert.Contains("Have you met since your last check-in?", page, StringComparison.Ordinal);
        Assert.Contains(reference, page, StringComparison.Ordinal);
        Assert.DoesNotContain("Jamie", page, StringComparison.Ordinal);
        await GetHtmlAsync(http, url); // a mail scanner's visit does not use the link up

        var mistake = await HtmlAsync(await PostAsync(http, url, page, [new("Input.Met", "yes"), new("Input.Notes", "Met for coffee")]), HttpStatusCode.OK);
        Assert.Contains("There is a problem", mistake, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#Input_Rag\">Choose green, amber or red.</a>", mistake, StringComparison.Ordinal);
        Assert.Contains(">Met for coffee</textarea>", mistake, StringComparison.Ordinal);
        Assert.Empty(await app.Store.CheckIns.ScanAsync(null, CancellationToken.None));

        // A skipped "have you met" is asked again, not stored as a no.
        var skipped = await HtmlAsync(await PostAsync(http, url, mistake, [new("Input.Rag", "green")]), HttpStatusCode.OK);
        Assert.Contains("<a href=\"#Input_Met\">Say whether you have met since your last check-in.</a>", skipped, StringComparison.Ordinal);
        Assert.Matches("checked=\"checked\"[^>]*value=\"green\"", skipped);
        Assert.Empty(await app.Store.CheckIns.ScanAsync(null, CancellationToken.None));

        page = await GetHtmlAsync(http, url);
        var done = SeeOther(await PostAsync(http, url, page, [new("Input.Rag", "amber"), new("Input.Met", "yes"), new("Input.Notes", "Met for coffee")]));

        Assert.Equal("/m/done?action=checkin", done);
        Assert.Contains("Check-in sent", await GetHtmlAsync(http, done), StringComparison.Ordinal);
        var checkIn = Assert.Single(await app.Store.CheckIns.ScanAsync(null, CancellationToken.None)).Value;
        Assert.Equal(RagStatus.Amber, checkIn.Rag);
        Assert.True(checkIn.MetSinceLastCheckIn);
        Assert.Equal("Met for coffee", checkIn.Notes);
        var used = await GetHtmlAsync(http, url, HttpStatusCode.Conflict);
        Assert.Contains("<h1>This link has already been used</h1>", used, StringComparison.Ordinal);
        await HtmlAsync(await PostAsync(http, url, page, [new("Input.Rag", "green")]), HttpStatusCode.Conflict);
        Assert.Single(await app.Store.CheckIns.ScanAsync(null, CancellationToken.None));
    }

    /// <summary>
    /// Issue 19 item 9: the Functions host records each request's URL without its query string, so an emailed link's
    /// token travels there, and its form posts it as a field to an address that holds none.
    /// </summary>
    [Fact]
    public async Task AnEmailedLinksToken_IsInTheQueryStringAndTheForm_NeverInAnAddressTheHostRecords()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var (id, _) = await ActiveReferralAsync(app, http);
        var token = Links(app).Create(LinkAction.LogCheckIn, id, MatchId, TimeSpan.FromDays(7));
        var link = new Uri(app.Services.GetRequiredService<PublicUrls>().Link(LinkAction.LogCheckIn, token));

        // What the host keeps of a request's address (azure-webjobs-sdk's telemetry initializer): the path.
        Assert.DoesNotContain(token, link.GetLeftPart(UriPartial.Path), StringComparison.Ordinal);
        Assert.Equal("/m/checkin", link.AbsolutePath);

        var page = await GetHtmlAsync(http, link.PathAndQuery);
        Assert.Contains("<form method=\"post\" action=\"/m/checkin\"", page, StringComparison.Ordinal);
        Assert.Equal(token, Hidden(page, PublicUrls.TokenParameter));

        // No token, or a wrong one, is a link that is not valid, and nothing is stored.
        Assert.Contains("<h1>This link is not valid</h1>", await GetHtmlAsync(http, "/m/checkin", HttpStatusCode.NotFound), StringComparison.Ordinal);
        Assert.Contains("<h1>This link is not valid</h1>", await GetHtmlAsync(http, "/m/checkin?t=" + token[..^2], HttpStatusCode.NotFound), StringComparison.Ordinal);
        KeyValuePair<string, string>[] answers = [new("Input.Rag", "green"), new("Input.Met", "yes")];
        await HtmlAsync(await PostAsync(http, "/m/checkin", page, [.. answers, new(PublicUrls.TokenParameter, token[..^2])]), HttpStatusCode.NotFound);
        await HtmlAsync(await PostAsync(http, "/m/checkin", page, answers), HttpStatusCode.NotFound);
        Assert.Empty(await app.Store.CheckIns.ScanAsync(null, CancellationToken.None));

        Assert.Equal("/m/done?action=checkin", SeeOther(await PostAsync(http, "/m/checkin", page, [.. answers, new(PublicUrls.TokenParameter, token)])));
        Assert.Single(await app.Store.CheckIns.ScanAsync(null, CancellationToken.None));
        Assert.Contains("<h1>This link has already been used</h1>", await GetHtmlAsync(http, link.PathAndQuery, HttpStatusCode.Conflict), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpiredLink_IsA410Page_OnShowingAndOnPosting()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var (id, _) = await ActiveReferralAsync(app, http);
        var url = "/m/checkin/" + Links(app).Create(LinkAction.LogCheckIn, id, MatchId, TimeSpan.FromHours(1));
        var page = await GetHtmlAsync(http, url);

        await app.Services.GetRequiredService<HeldTimers>().MoveToAsync(app.Services.GetRequiredService<SandboxClock>().GetUtcNow().UtcDateTime.AddHours(2), CancellationToken.None);

        var expired = await GetHtmlAsync(http, url, HttpStatusCode.Gone);
        Assert.Contains("<h1>This link has expired</h1>", expired, StringComparison.Ordinal);
        Assert.Contains("contact your coordinator", expired, StringComparison.Ordinal);
        await HtmlAsync(await PostAsync(http, url, page, [new("Input.Rag", "green"), new("Input.Met", "no")]), HttpStatusCode.Gone);
        Assert.Empty(await app.Store.CheckIns.ScanAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task AcceptPage_ShowsTheSchemeAndReferenceButNoPersonalData_AndOnceAnsweredSaysSoOnFirstView()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var (id, reference) = await ReferAsync(http);
        await app.SettleAsync();
        var match = new Match { Id = MatchId, ReferralId = id, MentorId = "ann", ProposedAt = DateTime.UtcNow };
        await app.Store.Matches.TryInsertAsync(id, MatchId, match, MatchProposals.Columns(match), CancellationToken.None);
        var token = Links(app).Create(LinkAction.AcceptMatch, id, MatchId, TimeSpan.FromDays(5));

        var page = await GetHtmlAsync(http, "/m/accept/" + token);
        Assert.Contains(">Accept this match</button>", page, StringComparison.Ordinal);
        Assert.Contains(reference, page, StringComparison.Ordinal);
        Assert.Contains("Foster Carer Mentoring", page, StringComparison.Ordinal);
        // Random tokens (the link's, in the form's address, and the antiforgery one) can spell "Fox" by chance: not data.
        var scanned = System.Text.RegularExpressions.Regex.Replace(page.Replace(token, "<link token>", StringComparison.Ordinal), "name=\"__af\" value=\"[^\"]*\"", "name=\"__af\"");
        Assert.Contains("<link token>", scanned, StringComparison.Ordinal);
        foreach (var personal in new[] { "Jamie", "Fox", "jamie.fox@example.com", "EX2", "Newly approved" })
        {
            Assert.DoesNotContain(personal, scanned, StringComparison.Ordinal);
        }

        // An accept link is for the accept page only.
        Assert.Contains("This link is not valid", await GetHtmlAsync(http, "/m/decline/" + token, HttpStatusCode.NotFound), StringComparison.Ordinal);

        // The proposal is answered (through the other link, say): this link's page no longer offers its form.
        await app.Store.Matches.UpdateAsync(id, MatchId, m => m with { Status = MatchStatus.Declined }, MatchProposals.Columns, CancellationToken.None);
        var shown = await GetHtmlAsync(http, "/m/accept/" + token, HttpStatusCode.Conflict);
        Assert.Contains("<h1>Not possible now</h1>", shown, StringComparison.Ordinal);
        Assert.Contains("already been answered", shown, StringComparison.Ordinal);
        Assert.DoesNotContain(">Accept this match</button>", shown, StringComparison.Ordinal);

        var refused = await HtmlAsync(await PostAsync(http, "/m/accept/" + token, page, []), HttpStatusCode.Conflict);
        Assert.Contains("<h1>Not possible now</h1>", refused, StringComparison.Ordinal);
        Assert.Contains("already been answered", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeclinePage_OnceAnAcceptanceIsKept_SaysSo_BeforeTheWorkflowHasActedOnIt()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var (id, _) = await ReferAsync(http);
        await app.SettleAsync();
        var match = new Match { Id = MatchId, ReferralId = id, MentorId = "ann", ProposedAt = DateTime.UtcNow };
        await app.Store.Matches.TryInsertAsync(id, MatchId, match, MatchProposals.Columns(match), CancellationToken.None);
        var url = "/m/decline/" + Links(app).Create(LinkAction.DeclineMatch, id, MatchId, TimeSpan.FromDays(5));
        var page = await GetHtmlAsync(http, url);

        // Kept through the accept link; the match is still Proposed until the workflow acts on it.
        await app.Store.Matches.UpdateAsync(id, MatchId, m => m with { Answer = MatchAnswer.Accepted, AnsweredAt = DateTime.UtcNow }, MatchProposals.Columns, CancellationToken.None);
        var shown = await GetHtmlAsync(http, url, HttpStatusCode.Conflict);

        Assert.Contains("already been answered: the match was accepted", shown, StringComparison.Ordinal);
        Assert.DoesNotContain(">Decline this match</button>", shown, StringComparison.Ordinal);
        var refused = await HtmlAsync(await PostAsync(http, url, page, []), HttpStatusCode.Conflict);
        Assert.Contains("already been answered: the match was accepted", refused, StringComparison.Ordinal);
        Assert.Equal(MatchAnswer.Accepted, (await app.Store.Matches.GetAsync(id, MatchId, CancellationToken.None))!.Value.Answer);
    }

    [Fact]
    public async Task Decline_MaySayWhy_ATooLongReasonKeepsTheLinkWorking_AndTheReasonReachesTheCoordinatorOnly()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var (id, _) = await ReferAsync(http);
        await app.SettleAsync();
        var match = new Match { Id = MatchId, ReferralId = id, MentorId = "ann", ProposedAt = DateTime.UtcNow };
        await app.Store.Matches.TryInsertAsync(id, MatchId, match, MatchProposals.Columns(match), CancellationToken.None);
        var url = "/m/decline/" + Links(app).Create(LinkAction.DeclineMatch, id, MatchId, TimeSpan.FromDays(5));
        var page = await GetHtmlAsync(http, url);
        Assert.Contains("Anything you would like your coordinator to know?", page, StringComparison.Ordinal);

        var tooLong = await HtmlAsync(await PostAsync(http, url, page, [new("Input.Reason", new string('x', 501))]), HttpStatusCode.OK);
        Assert.Contains("Keep the reason to 500 characters.", tooLong, StringComparison.Ordinal);
        Assert.Null((await app.Store.Matches.GetAsync(id, MatchId, CancellationToken.None))!.Value.Answer);

        Assert.Equal("/m/done?action=decline", SeeOther(await PostAsync(http, url, tooLong, [new("Input.Reason", "Not while my own kids are off school.")])));
        var kept = (await app.Store.Matches.GetAsync(id, MatchId, CancellationToken.None))!.Value;
        Assert.Equal((MatchAnswer.Declined, "Not while my own kids are off school."), (kept.Answer, kept.DeclineReason));
        var timeline = await app.Store.Timeline.QueryAsync($"PartitionKey eq {id}", CancellationToken.None);
        Assert.Contains(timeline, t => t.Value.Text == "Mentor declined the match: Not while my own kids are off school.");
    }

    [Fact]
    public async Task MenteeFeedback_AsksDidPeerSupportHelp_RefusesAnOutOfRangeAnswer_ThenStoresIt()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var (id, _) = await ReferAsync(http);
        var url = "/m/mentee-feedback/" + Links(app).Create(LinkAction.MenteeFeedback, id, "mentee", TimeSpan.FromDays(14));

        var page = await GetHtmlAsync(http, url);
        Assert.Contains("Did peer support help?", page, StringComparison.Ordinal);
        Assert.Contains("Very much", page, StringComparison.Ordinal);

        var mistake = await HtmlAsync(await PostAsync(http, url, page, [new("Input.Helpfulness", "9"), new("Input.Comments", "Rosa really helped")]), HttpStatusCode.OK);
        Assert.Contains("<a href=\"#Input_Helpfulness\">Choose a number from 1 to 5.</a>", mistake, StringComparison.Ordinal);
        Assert.Contains(">Rosa really helped</textarea>", mistake, StringComparison.Ordinal);

        var done = SeeOther(await PostAsync(http, url, mistake, [new("Input.Helpfulness", "5"), new("Input.Comments", "Rosa really helped")]));
        Assert.Equal("/m/done?action=mentee-feedback", done);
        Assert.Contains("Thank you for your feedback", await GetHtmlAsync(http, done), StringComparison.Ordinal);
        var feedback = Assert.Single(await app.Store.Feedback.ScanAsync(null, CancellationToken.None)).Value;
        Assert.Equal(("mentee", 5, "Rosa really helped"), (feedback.From, feedback.Helpfulness, feedback.Comments));
    }

    [Fact]
    public async Task ACheckInReminderSentLate_StatesTheSameExpiryAsThePageItLinksTo()
    {
        await using var app = new ApiApp { EasyAuth = false }; // the development mail capture, to read the email
        using var http = Browser(app);
        var (id, _) = await ReferAsync(http);
        await app.SettleAsync();
        var none = CancellationToken.None;
        var mentor = new Mentor { Id = "mexp", SchemeId = "foster-mentoring", Name = "Rosa Martin", Email = "rosa.expiry@example.org", Capacity = 2, ActiveMatches = 1, Active = true };
        Assert.True(await app.Store.Mentors.TryInsertAsync("mentor", mentor.Id, mentor, MatchProposals.MentorColumns(mentor), none));
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var match = new Match { Id = "mexp1", ReferralId = id, MentorId = mentor.Id, Status = MatchStatus.Active, ProposedAt = now.AddDays(-40), RespondedAt = now.AddDays(-38) };
        Assert.True(await app.Store.Matches.TryInsertAsync(id, match.Id, match, MatchProposals.Columns(match), none));
        await app.Store.Referrals.UpdateAsync(id, "", r => r with { Stage = ReferralStage.Active, CurrentMatchId = match.Id }, MatchProposals.ReferralColumns, none);

        // Decided 30 hours and 17 minutes ago (the mail service was down), written as of then, sent now.
        var request = new NoticeRequest(id, Notice.CheckInReminder, match.Id, now.AddDays(3)) { DecidedAt = now.AddHours(-30).AddMinutes(-17) };
        await app.Services.GetRequiredService<INoticeSender>().SendAsync(request, "late-checkin-reminder", none);

        var mail = await MailAsync(app, EmailTemplateNames.CheckInReminder, mentor.Email);
        var stated = System.Text.RegularExpressions.Regex.Match(mail.Text ?? "", "stops working on (?<when>[^.]+)\\.").Groups["when"].Value;
        Assert.NotEmpty(stated);
        var page = await GetHtmlAsync(http, "/m/checkin?t=" + LinkToken(mail, "checkin"));
        Assert.Contains($"This link works once, until {stated}.", page, StringComparison.Ordinal);
    }

    /// <summary>
    /// A proposal's reminder delivered after the proposal lapsed (the crash runs saw it, a host down when it was due):
    /// its links would be dead on arrival, which once failed every attempt until the notice showed as not delivered.
    /// Now it asks the mentor nothing and says so; one for a proposal still open goes as before.
    /// </summary>
    [Fact]
    public async Task AProposalReminderDeliveredAfterTheProposalLapsed_AsksTheMentorNothing_AndSaysWhy()
    {
        await using var app = new ApiApp { EasyAuth = false };
        using var http = Browser(app);
        var (id, _) = await ReferAsync(http);
        await app.SettleAsync();
        var none = CancellationToken.None;
        var mentor = new Mentor { Id = "mlate", SchemeId = "foster-mentoring", Name = "Lena Late", Email = "lena.late@example.org", Capacity = 2, Active = true };
        Assert.True(await app.Store.Mentors.TryInsertAsync("mentor", mentor.Id, mentor, MatchProposals.MentorColumns(mentor), none));
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var lapsed = new Match { Id = "mlate1", ReferralId = id, MentorId = mentor.Id, Status = MatchStatus.Proposed, ProposedAt = now.AddDays(-9) };
        var open = new Match { Id = "mlate2", ReferralId = id, MentorId = mentor.Id, Status = MatchStatus.Proposed, ProposedAt = now.AddDays(-1) };
        Assert.True(await app.Store.Matches.TryInsertAsync(id, lapsed.Id, lapsed, MatchProposals.Columns(lapsed), none));
        Assert.True(await app.Store.Matches.TryInsertAsync(id, open.Id, open, MatchProposals.Columns(open), none));
        var sender = app.Services.GetRequiredService<INoticeSender>();

        // Due to be answered two days ago: sent now, it would have carried links that expired yesterday.
        var late = await sender.SendAsync(new NoticeRequest(id, Notice.MatchReminder, lapsed.Id, now.AddDays(-2)), "late-match-reminder", none);
        var sent = await sender.SendAsync(new NoticeRequest(id, Notice.MatchReminder, open.Id, now.AddDays(2)), "open-match-reminder", none);

        // The timeline is told what was not sent, and why, instead of "Reminder sent".
        Assert.Equal("the reminder to the mentor, as the proposal had already been answered or had lapsed", late.NotSent);
        Assert.Null(sent.NotSent);

        var reminders = (await app.Mail.ListAsync(100, none)).Where(m => m.Template == EmailTemplateNames.MatchReminder).ToList();
        var reminder = Assert.Single(reminders);
        Assert.StartsWith("open-match-reminder", reminder.IdempotencyKey, StringComparison.Ordinal);
    }

    /// <summary>
    /// Notices decided a month ago and delivered only now (the 1,000-referral crash run saw it under a backlog): their
    /// links would have expired before they arrived, which made every try fail until the notice showed as not
    /// delivered and the coordinator was told of a failure. Now each asks nothing and the timeline says why.
    /// </summary>
    [Fact]
    public async Task NoticesDeliveredAfterTheirLinksWouldHaveExpired_AskNothing_AndSayWhy()
    {
        await using var app = new ApiApp { EasyAuth = false };
        using var http = Browser(app);
        var (id, _) = await ReferAsync(http);
        await app.SettleAsync();
        var none = CancellationToken.None;
        var mentor = new Mentor { Id = "mold", SchemeId = "foster-mentoring", Name = "Olu Old", Email = "olu.old@example.org", Capacity = 2, ActiveMatches = 1, Active = true };
        Assert.True(await app.Store.Mentors.TryInsertAsync("mentor", mentor.Id, mentor, MatchProposals.MentorColumns(mentor), none));
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var decided = now.AddDays(-30);
        var proposed = new Match { Id = "mold1", ReferralId = id, MentorId = mentor.Id, Status = MatchStatus.Proposed, ProposedAt = decided };
        Assert.True(await app.Store.Matches.TryInsertAsync(id, proposed.Id, proposed, MatchProposals.Columns(proposed), none));
        await app.Store.Referrals.UpdateAsync(id, "", r => r with { CurrentMatchId = proposed.Id }, MatchProposals.ReferralColumns, none);
        var sender = app.Services.GetRequiredService<INoticeSender>();

        var proposal = await sender.SendAsync(new NoticeRequest(id, Notice.MatchProposed, proposed.Id, decided.AddDays(3)) { DecidedAt = decided }, "old-proposal", none);
        var checkIn = await sender.SendAsync(new NoticeRequest(id, Notice.CheckInReminder, proposed.Id, decided.AddDays(3)) { DecidedAt = decided }, "old-checkin", none);
        var feedback = await sender.SendAsync(new NoticeRequest(id, Notice.FeedbackRequest, proposed.Id, null) { DecidedAt = decided }, "old-feedback", none);

        Assert.Equal("the proposal to the mentor, as it had already been answered or had lapsed", proposal.NotSent);
        Assert.Equal("the check-in reminder to the mentor, as the check-in it asked for was long past", checkIn.NotSent);
        Assert.Equal("the request for feedback, as the time to give it had passed", feedback.NotSent);
        Assert.DoesNotContain(await app.Mail.ListAsync(100, none), m => m.IdempotencyKey?.StartsWith("old-", StringComparison.Ordinal) == true);

        // Decided a moment ago, the same proposal goes.
        var fresh = await sender.SendAsync(new NoticeRequest(id, Notice.MatchProposed, proposed.Id, now.AddDays(3)) { DecidedAt = now.AddMinutes(-5) }, "new-proposal", none);
        Assert.Null(fresh.NotSent);
        Assert.Contains(await app.Mail.ListAsync(100, none), m => m.IdempotencyKey?.StartsWith("new-proposal", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task MenteeVoice_AWorryReachesTheCoordinatorOnce_LandsOnTheTimeline_AndTheLinkLastsAsLongAsTheMatch()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var (id, reference) = await ActiveReferralAsync(app, http);
        var url = "/m/mentee-voice/" + Links(app).Create(LinkAction.MenteeVoice, id, MatchId, TimeSpan.FromDays(365));

        var page = await GetHtmlAsync(http, url);
        Assert.Contains("I would like a different mentor", page, StringComparison.Ordinal);
        Assert.Contains("You can use this link while your match lasts", page, StringComparison.Ordinal);
        var key = Hidden(page, "Key");
        Assert.NotNull(key);

        // Nothing typed: the form comes back with the question, and nothing is kept.
        var mistake = await HtmlAsync(await PostAsync(http, url, page, [new("Input.Kind", "worry"), new("Key", key!)]), HttpStatusCode.OK);
        Assert.Contains("<a href=\"#Input_Notes\">Tell your coordinator what is on your mind.</a>", mistake, StringComparison.Ordinal);
        Assert.Empty(await app.Store.CaseNotes.PartitionAsync(id, CancellationToken.None));

        // Sent, and sent again by a double click: kept once, and the coordinator told once.
        const string Worry = "My mentor keeps cancelling at the last minute.";
        Assert.Equal("/m/done?action=mentee-voice", SeeOther(await PostAsync(http, url, page, [new("Input.Kind", "worry"), new("Input.Notes", Worry), new("Key", key!)])));
        Assert.Equal("/m/done?action=mentee-voice", SeeOther(await PostAsync(http, url, page, [new("Input.Kind", "worry"), new("Input.Notes", Worry), new("Key", key!)])));
        var note = Assert.Single(await app.Store.CaseNotes.PartitionAsync(id, CancellationToken.None)).Value;
        Assert.Equal(("mentee-worry", Worry), (note.About, note.Text));
        Assert.Contains(await app.Store.Timeline.PartitionAsync(id, CancellationToken.None), t => t.Value.Text == "The mentee raised a worry through their link");
        var mail = await MailAsync(app, EmailTemplateNames.MatchUpdate, "fostering.coordinator@example.org");
        Assert.Contains($"The mentee on {reference} has raised a worry", mail.Summary.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("cancelling", mail.Text, StringComparison.Ordinal); // their words stay on the referral's page
        await app.SettleAsync();
        Assert.Single(await app.Mail.ListAsync(), m => m.Template == EmailTemplateNames.MatchUpdate && m.Subject.Contains(reference, StringComparison.Ordinal));

        // The link is not used up: asking for a different mentor later works too.
        page = await GetHtmlAsync(http, url);
        Assert.Equal("/m/done?action=mentee-voice", SeeOther(await PostAsync(http, url, page, [new("Input.Kind", "change"), new("Input.Notes", "We do not get on."), new("Key", Hidden(page, "Key")!)])));
        Assert.Equal(2, (await app.Store.CaseNotes.PartitionAsync(id, CancellationToken.None)).Count);

        // Once the match has ended the page says so instead of a form.
        await app.Store.Referrals.UpdateAsync(id, "", r => r with { Stage = ReferralStage.Matching, CurrentMatchId = null }, MatchProposals.ReferralColumns, CancellationToken.None);
        var ended = await GetHtmlAsync(http, url, HttpStatusCode.Conflict);
        Assert.Contains("This match has ended", ended, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", ended, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MenteeVoice_AWorryStaysOnTheDashboard_WithoutItsWords_UntilACoordinatorMarksItRead_OnTheReferralPage()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var (id, reference) = await ActiveReferralAsync(app, http);
        var url = "/m/mentee-voice/" + Links(app).Create(LinkAction.MenteeVoice, id, MatchId, TimeSpan.FromDays(365));
        const string Worry = "My mentor keeps cancelling at the last minute.";
        var form = await GetHtmlAsync(http, url);
        Assert.Equal("/m/done?action=mentee-voice", SeeOther(await PostAsync(http, url, form, [new("Input.Kind", "worry"), new("Input.Notes", Worry), new("Key", Hidden(form, "Key")!)])));
        var note = Assert.Single(await app.Store.CaseNotes.PartitionAsync(id, CancellationToken.None)).Value;

        // The dashboard names the referral and its person, says what kind of message it is, and never its words.
        var dashboard = await GetHtmlAsync(http, "/dashboard");
        var item = MenteeMessages(dashboard);
        Assert.Contains(reference, item, StringComparison.Ordinal);
        Assert.Contains("Jamie Fox", item, StringComparison.Ordinal);
        Assert.Contains("raised a worry", item, StringComparison.Ordinal);
        Assert.DoesNotContain("cancelling", dashboard, StringComparison.Ordinal);

        // The referral page shows the words, with "Mark read"; marked, the message leaves both.
        var page = await GetHtmlAsync(http, $"/referrals/{id}");
        Assert.Contains("From the mentee, not yet read", page, StringComparison.Ordinal);
        Assert.Contains(Worry, page, StringComparison.Ordinal);
        var marked = await PostAsync(http, $"/referrals/{id}?notice={note.Id}&handler=MenteeMessageRead", page, []);
        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        var read = (await app.Store.CaseNotes.GetAsync(id, note.Id, CancellationToken.None))!.Value;
        Assert.Equal(ApiApp.StaffName, read.ReadBy);
        Assert.NotNull(read.ReadAt);
        Assert.Empty(await app.Store.UnreadMenteeMessages.InAsync(PeerFlowStore.UnreadPartition, CancellationToken.None));
        Assert.Equal("", MenteeMessages(await GetHtmlAsync(http, "/dashboard")));
        page = await GetHtmlAsync(http, $"/referrals/{id}");
        Assert.DoesNotContain("From the mentee, not yet read", page, StringComparison.Ordinal);
        Assert.Contains(Worry, page, StringComparison.Ordinal); // still in the contact log
        Assert.Contains($"read by {ApiApp.StaffName}", page, StringComparison.Ordinal);
        Assert.Contains(await app.Store.Audit.PartitionAsync(id, CancellationToken.None), a => a.Value.Action == "marked a message from the mentee read");

        // Only a mentee's message can be marked read; and erasing the referral takes its dashboard copy too.
        await HtmlAsync(await PostAsync(http, $"/referrals/{id}?notice=nosuch&handler=MenteeMessageRead", page, []), HttpStatusCode.NotFound);
        form = await GetHtmlAsync(http, url);
        Assert.Equal("/m/done?action=mentee-voice", SeeOther(await PostAsync(http, url, form, [new("Input.Kind", "change"), new("Input.Notes", "We do not get on."), new("Key", Hidden(form, "Key")!)])));
        Assert.Contains("asks for a different mentor", MenteeMessages(await GetHtmlAsync(http, "/dashboard")), StringComparison.Ordinal);

        // The API marks one read too (an integration's inbox, say); a note that is not the mentee's is not found.
        var change = Assert.Single(await app.Store.CaseNotes.PartitionAsync(id, CancellationToken.None), n => n.Value.ReadAt is null && n.Value.FromMentee).Value;
        await ApiAssert.ProblemAsync(await http.PostAsync($"/api/referrals/{id}/contacts/nosuch/read", null), HttpStatusCode.NotFound);
        var viaApi = await ApiAssert.JsonAsync(await http.PostAsync($"/api/referrals/{id}/contacts/{change.Id}/read", null), HttpStatusCode.OK);
        Assert.Equal(ApiApp.StaffName, viaApi.GetProperty("readBy").GetString());
        Assert.Equal("", MenteeMessages(await GetHtmlAsync(http, "/dashboard")));

        form = await GetHtmlAsync(http, url);
        Assert.Equal("/m/done?action=mentee-voice", SeeOther(await PostAsync(http, url, form, [new("Input.Kind", "worry"), new("Input.Notes", "Still worried."), new("Key", Hidden(form, "Key")!)])));
        Assert.NotEmpty(await app.Store.UnreadMenteeMessages.InAsync(PeerFlowStore.UnreadPartition, CancellationToken.None));
        Assert.True((await http.DeleteAsync($"/api/referrals/{id}?confirm={reference}")).IsSuccessStatusCode);
        Assert.Empty(await app.Store.UnreadMenteeMessages.InAsync(PeerFlowStore.UnreadPartition, CancellationToken.None));
    }

    /// <summary>The dashboard's list of mentees' unread messages, or "" when it shows none.</summary>
    private static string MenteeMessages(string dashboard) =>
        System.Text.RegularExpressions.Regex.Match(dashboard, "<div [^>]*id=\"mentee-messages\".*?</div>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;

    private static SignedLinks Links(ApiApp app) => app.Services.GetRequiredService<SignedLinks>();

    private static async Task<(string Id, string Reference)> ReferAsync(HttpClient http)
    {
        var response = await http.PostAsJsonAsync("/api/referrals", new
        {
            schemeId = "foster-mentoring",
            kind = "Self",
            consent = true,
            name = "Jamie Fox",
            email = "jamie.fox@example.com",
            postcodeDistrict = "EX2",
            reasonForReferral = "Newly approved and would value support.",
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (accepted.GetProperty("id").GetString()!, accepted.GetProperty("reference").GetString()!);
    }

    /// <summary>A referral as if matched with a mentor: what the check-in link needs to find.</summary>
    private static async Task<(string Id, string Reference)> ActiveReferralAsync(ApiApp app, HttpClient http)
    {
        var (id, reference) = await ReferAsync(http);
        await app.SettleAsync();
        await app.Store.Referrals.UpdateAsync(id, "", r => r with { Stage = ReferralStage.Active, CurrentMatchId = MatchId }, MatchProposals.ReferralColumns, CancellationToken.None);
        return (id, reference);
    }
}
