using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;
using PeerFlow.Web.Actions;
using PeerFlow.Web.Tests.Api;
using static PeerFlow.Web.Tests.Pages.PageForms;
using MatchRecord = PeerFlow.Domain.Records.Match;

namespace PeerFlow.Web.Tests.Pages;

/// <summary>
/// The monthly evaluation report over HTTP. Records go straight into the store, so every figure is known: a month of
/// one scheme's work, with records just outside the month (in London time) and in another scheme that must not count.
/// </summary>
public sealed partial class EvaluationTests
{
    private const string Fostering = "foster-mentoring";
    private const string PeerLink = "peer-link";
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public void MonthBoundaries_AreLondonMidnight()
    {
        // BST: 1 October 2026 begins at 23:00 UTC on 30 September. GMT from 25 October: 1 November begins at midnight UTC.
        Assert.Equal((U("2026-09-30T23:00:00Z"), U("2026-11-01T00:00:00Z")), Evaluation.Bounds(new DateOnly(2026, 10, 1)));
        Assert.Equal(new DateOnly(2026, 10, 1), Evaluation.MonthOf(U("2026-09-30T23:30:00Z")));
        Assert.Equal(new DateOnly(2026, 9, 1), Evaluation.MonthOf(U("2026-09-30T22:59:59Z")));
        Assert.Equal(new DateOnly(2026, 10, 1), Evaluation.MonthOf(U("2026-10-31T23:30:00Z")));
        Assert.Equal(new DateOnly(2026, 11, 1), Evaluation.MonthOf(U("2026-11-01T00:00:00Z")));
        // Spring forward: April begins at 23:00 UTC on 31 March 2027, as British Summer Time started on 28 March.
        Assert.Equal((U("2027-03-01T00:00:00Z"), U("2027-03-31T23:00:00Z")), Evaluation.Bounds(new DateOnly(2027, 3, 1)));
        Assert.True(Evaluation.TryParseMonth("2026-10", out var october));
        Assert.Equal(new DateOnly(2026, 10, 1), october);
        Assert.False(Evaluation.TryParseMonth("2026-13", out _));
        Assert.False(Evaluation.TryParseMonth("2026-1", out _));
    }

    [Fact]
    public async Task Report_CountsExactlyTheMonthsRecords_OfTheChosenScheme()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        var today = DateOnly.FromDateTime(app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        await SeedAsync(app, today);

        var html = await GetHtmlAsync(http, $"/reports/2026-10?scheme={Fostering}");
        Assert.Contains("<h1>Monthly report: October 2026</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("so far", html, StringComparison.Ordinal);
        Assert.Contains("Figures for 1 to 31 October 2026 (London time)", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"scheme-foster-mentoring\">Foster Carer Mentoring</h2>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("scheme-peer-link", html, StringComparison.Ordinal);
        Assert.DoesNotContain("REF-", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Mentor capacity is shown as it stood when the report was generated", html, StringComparison.Ordinal);
        AssertFosteringOctober(Section(html, Fostering));

        var all = await GetHtmlAsync(http, "/reports/2026-10");
        AssertFosteringOctober(Section(all, Fostering));
        var link = Section(all, PeerLink);
        Assert.Equal("1", Cell(link, "Referrals, matches and closures", "Referrals received"));
        Assert.Equal("1", Cell(link, "Referrals, matches and closures", "Urgent referrals received"));
        Assert.Equal("1", Cell(link, "Assessment outcomes", "Withdrawn"));
        Assert.Equal("0", Cell(link, "Time to match", "Matches started"));
        Assert.Equal("1", Cell(link, "Breakdowns", "Reason: Another reason"));
        Assert.Equal("1", Cell(link, "Check-ins logged", "Red: serious problems"));
        Assert.Equal(["0", "—"], FeedbackRow(link, "Mentees and families"));
        Assert.Equal(["1", "1.0"], FeedbackRow(link, "Mentors"));
        Assert.Equal("1", Cell(link, "Safeguarding", "Safeguarding concerns raised"));
        Assert.Equal("1", Cell(link, "Mentor capacity as it stands now", "Mentors at capacity"));

        // September ends at 23:00 UTC on its 30th: a referral at 22:30 UTC is September's.
        var september = Section(await GetHtmlAsync(http, $"/reports/2026-09?scheme={Fostering}"), Fostering);
        Assert.Equal("1", Cell(september, "Referrals, matches and closures", "Referrals received"));
        Assert.Equal("1", Cell(september, "Breakdowns", "Matches that broke down"));
        Assert.Equal(["1", "1.0"], FeedbackRow(september, "Mentees and families"));
        Assert.Equal("3", Cell(september, "Check-ins logged", "Check-ins logged"));

        var november = Section(await GetHtmlAsync(http, $"/reports/2026-11?scheme={Fostering}"), Fostering);
        Assert.Equal("1", Cell(november, "Referrals, matches and closures", "Referrals received"));
        Assert.Equal("1", Cell(november, "Safeguarding", "Safeguarding concerns raised"));
    }

    [Fact]
    public async Task Months_InTheFutureOrMalformed_AreNotFound_AndTheCurrentMonthIsSoFar()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var current = Evaluation.MonthOf(app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);

        foreach (var url in new[] { "/reports/2099-01", $"/reports/{Evaluation.Key(current.AddMonths(1))}", "/reports/2026-13", "/reports/2026-1", "/reports/26-10", "/reports/latest" })
        {
            Assert.True((await http.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, url);
        }

        var now = await GetHtmlAsync(http, $"/reports/{Evaluation.Key(current)}");
        Assert.Contains($"<h1>Monthly report: {Evaluation.Label(current)} (so far)</h1>", now, StringComparison.Ordinal);
        Assert.Contains("Check-ins up to date now", now, StringComparison.Ordinal);
        Assert.Contains("scheme-foster-mentoring", now, StringComparison.Ordinal);
        Assert.Contains("scheme-peer-link", now, StringComparison.Ordinal);
        Assert.Contains("Mentor capacity is shown as it stands now", now, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_OffersTheLast24Months_DefaultsToLastMonth_AndGoesToTheChosenReport()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var current = Evaluation.MonthOf(app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var previous = current.AddMonths(-1);

        var page = await GetHtmlAsync(http, "/reports");
        Assert.Contains("<h1>Monthly reports</h1>", page, StringComparison.Ordinal);
        var months = MonthOption().Matches(page).Select(m => m.Groups["month"].Value).ToList();
        Assert.Equal(Enumerable.Range(0, 24).Select(i => Evaluation.Key(current.AddMonths(-i))), months);
        Assert.Contains($"<option value=\"{Evaluation.Key(previous)}\" selected=\"selected\">{Evaluation.Label(previous)}</option>", page, StringComparison.Ordinal);
        Assert.Contains("<label class=\"label\" for=\"scheme\">Scheme</label>", page, StringComparison.Ordinal);
        for (var i = 1; i <= 12; i++)
        {
            Assert.Contains($"href=\"/reports/{Evaluation.Key(current.AddMonths(-i))}\"", page, StringComparison.Ordinal);
        }

        Assert.DoesNotContain($"href=\"/reports/{Evaluation.Key(current.AddMonths(-13))}\"", page, StringComparison.Ordinal);

        var chosen = await http.GetAsync($"/reports?month=2026-10&scheme={Fostering}");
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal($"/reports/2026-10?scheme={Fostering}", chosen.Headers.Location?.OriginalString);
        var unknownScheme = await http.GetAsync("/reports?month=2026-10&scheme=nonsense");
        Assert.Equal("/reports/2026-10", unknownScheme.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/reports?month=2099-01")).StatusCode);
    }

    [Fact]
    public async Task Report_NamesClosureAndBreakdownReasons_InEachSchemesOwnWords()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        var peerLink = await app.Services.GetRequiredService<SchemeCatalog>().GetAsync(PeerLink, None);
        Assert.NotNull(peerLink);
        await app.Store.Schemes.UpsertAsync("scheme", PeerLink, peerLink with
        {
            ClosureReasons = [new("placement-disrupted", "The child's placement ended (disruption)"), new(ReasonCodes.Other, "Something else")],
            BreakdownReasons = [new("adopters-paused", "The adopters asked for a pause")],
        }, null, None);

        await ReferralAsync(app, New("p1", PeerLink, "2026-10-01T09:00:00Z") with { Stage = ReferralStage.Closed, ClosedAt = U("2026-10-12T10:00:00Z"), ClosureReason = "placement-disrupted" });
        await ReferralAsync(app, New("p2", PeerLink, "2026-10-02T09:00:00Z") with { Stage = ReferralStage.Closed, ClosedAt = U("2026-10-13T10:00:00Z"), ClosureReason = ReasonCodes.Other });
        // Closed with a default reason before the scheme had its own list: still in words, the default's.
        await ReferralAsync(app, New("p3", PeerLink, "2026-10-03T09:00:00Z") with { Stage = ReferralStage.Closed, ClosedAt = U("2026-10-14T10:00:00Z"), ClosureReason = "moved-away" });
        await MatchAsync(app, "p1", "pm1", MatchStatus.BrokenDown, "2026-09-01T10:00:00Z", ended: "2026-10-10T10:00:00Z", reason: "adopters-paused");
        await MatchAsync(app, "p2", "pm2", MatchStatus.BrokenDown, "2026-09-01T10:00:00Z", ended: "2026-10-11T10:00:00Z", reason: ReasonCodes.Other);

        // Fostering keeps the default lists: another scheme's code is not its own.
        await ReferralAsync(app, New("f1", Fostering, "2026-10-01T09:00:00Z") with { Stage = ReferralStage.Closed, ClosedAt = U("2026-10-12T10:00:00Z"), ClosureReason = "placement-disrupted" });
        await ReferralAsync(app, New("f2", Fostering, "2026-10-02T09:00:00Z") with { Stage = ReferralStage.Closed, ClosedAt = U("2026-10-13T10:00:00Z"), ClosureReason = ReasonCodes.Other });
        await MatchAsync(app, "f1", "fm1", MatchStatus.BrokenDown, "2026-09-01T10:00:00Z", ended: "2026-10-10T10:00:00Z", reason: "relationship");
        await MatchAsync(app, "f2", "fm2", MatchStatus.BrokenDown, "2026-09-01T10:00:00Z", ended: "2026-10-11T10:00:00Z", reason: "adopters-paused");

        var html = WebUtility.HtmlDecode(await GetHtmlAsync(http, "/reports/2026-10"));

        var link = Section(html, PeerLink);
        Assert.Equal("1", Cell(link, "Closures by reason", "The child's placement ended (disruption)"));
        Assert.Equal("1", Cell(link, "Closures by reason", "Something else"));
        Assert.Equal("1", Cell(link, "Closures by reason", "The person moved away"));
        Assert.Equal("1", Cell(link, "Breakdowns", "Reason: The adopters asked for a pause"));
        Assert.Equal("1", Cell(link, "Breakdowns", "Reason: " + ReasonCodes.OtherLabel)); // always among a scheme's reasons
        var fostering = Section(html, Fostering);
        Assert.Equal("1", Cell(fostering, "Closures by reason", "Placement disrupted"));
        Assert.Equal("1", Cell(fostering, "Closures by reason", ReasonCodes.OtherLabel));
        Assert.Equal("1", Cell(fostering, "Breakdowns", "Reason: The relationship did not work"));
        Assert.Equal("1", Cell(fostering, "Breakdowns", "Reason: Adopters paused"));
    }

    private static void AssertFosteringOctober(string s)
    {
        const string Funnel = "Referrals, matches and closures";
        Assert.Equal("4", Cell(s, Funnel, "Referrals received"));
        Assert.Equal("1", Cell(s, Funnel, "Urgent referrals received"));
        Assert.Equal("3", Cell(s, Funnel, "Referrals assessed"));
        Assert.Equal("2", Cell(s, Funnel, "Matches started (mentor accepted)"));
        Assert.Equal("2", Cell(s, Funnel, "Referrals closed"));

        Assert.Equal("2", Cell(s, "Assessment outcomes", "Suitable for peer support"));
        Assert.Equal("0", Cell(s, "Assessment outcomes", "Deferred: get back in touch later"));
        Assert.Equal("1", Cell(s, "Assessment outcomes", "Not suitable"));
        Assert.Equal("0", Cell(s, "Assessment outcomes", "Withdrawn"));

        Assert.Equal("1", Cell(s, "Closures by reason", "Not suitable for peer support"));
        Assert.Equal("1", Cell(s, "Closures by reason", "Support came to its planned end"));

        Assert.Equal("3", Cell(s, "Time to assessment", "Referrals assessed"));
        Assert.Equal("19.5", Cell(s, "Time to assessment", "Median days from referral to assessment"));
        Assert.Equal("20.0", Cell(s, "Time to assessment", "Longest days from referral to assessment"));
        Assert.Equal("1 of 3", Cell(s, "Time to assessment", "Assessed by their deadline"));

        // 1.5, 19.5 and 20.0 days.
        const string Waits = "Waits for assessment";
        Assert.Equal("1", Cell(s, Waits, "Up to 7 days"));
        Assert.Equal("0", Cell(s, Waits, "Over 7, up to 14 days"));
        Assert.Equal("2", Cell(s, Waits, "Over 14, up to 21 days"));
        Assert.Equal("0", Cell(s, Waits, "Over 21 days"));

        // Received, assessed, matches started, closed: October is the funnel's; the months before from the same records.
        const string Trend = "Referrals and matches over twelve months";
        Assert.Equal(["4", "3", "2", "2"], Cells(s, Trend, "Oct 2026"));
        Assert.Equal(["1", "0", "0", "1"], Cells(s, Trend, "Sep 2026"));
        Assert.Equal(["1", "1", "1", "0"], Cells(s, Trend, "Aug 2026"));
        Assert.Equal(["2", "1", "2", "0"], Cells(s, Trend, "Jun 2026"));
        Assert.Equal(["0", "0", "0", "0"], Cells(s, Trend, "Nov 2025"));
        Assert.DoesNotContain("Oct 2025", s, StringComparison.Ordinal);

        // r1 and r3 referred themselves; r2 came from health, r4 from a professional before sectors were asked.
        Assert.Equal("2", Cell(s, "Referral sources", "The person themselves"));
        Assert.Equal("0", Cell(WebUtility.HtmlDecode(s), "Referral sources", "A professional: Social worker (children's services)"));
        Assert.Equal("1", Cell(s, "Referral sources", "A professional: Health"));
        Assert.Equal("0", Cell(s, "Referral sources", "A professional: School or education"));
        Assert.Equal("0", Cell(s, "Referral sources", "A professional: Voluntary organisation"));
        Assert.Equal("0", Cell(s, "Referral sources", "A professional: Other"));
        Assert.Equal("1", Cell(s, "Referral sources", "A professional, sector not recorded"));
        Assert.DoesNotContain("<th scope=\"row\">A professional</th>", s, StringComparison.Ordinal);

        // At midnight on 1 November: r4 (arrived 23:30 on the 31st) and r11 (September's last hour) await assessment,
        // r3 a match; r1, r5, r8 and r9 (closed in November) have matches running; r12 arrived at that very moment.
        const string Waiting = "Waiting list at the end of the month";
        Assert.Equal("2", Cell(s, Waiting, "Waiting for assessment"));
        Assert.Equal("1", Cell(s, Waiting, "Assessed, waiting for a match"));
        Assert.Equal("3", Cell(s, Waiting, "Waiting in all"));
        const string Waited = "Time on the waiting list at the end of the month";
        Assert.Equal("2", Cell(s, Waited, "Up to 4 weeks"));
        Assert.Equal("1", Cell(s, Waited, "Over 4, up to 8 weeks"));
        Assert.Equal("0", Cell(s, Waited, "Over 8, up to 12 weeks"));
        Assert.Equal("0", Cell(s, Waited, "Over 12 weeks"));

        // April to October: r9, r7, r6 and r8, r5, r11, and October's four received; June's two and August's one
        // assessed, with October's three; m9, m6, m7, m8, m5a and October's two started; r7 and October's two closed.
        const string Year = "Year to date: April to October 2026";
        Assert.Equal("10", Cell(s, Year, "Referrals received"));
        Assert.Equal("5", Cell(s, Year, "Referrals assessed"));
        Assert.Equal("7", Cell(s, Year, "Matches started (mentor accepted)"));
        Assert.Equal("3", Cell(s, Year, "Referrals closed"));

        // The four running matches and the proposal answered in November, all with mentor ma.
        const string Places = "Mentors' places taken at the end of the month";
        Assert.Equal("5", Cell(WebUtility.HtmlDecode(s), Places, "Places in use (matches running or proposed)"));
        Assert.Equal("1", Cell(WebUtility.HtmlDecode(s), Places, "Mentors with a match running or proposed"));

        // Each chart says in words what its table says in numbers.
        Assert.Equal(
            ["Referrals received: 4; Referrals assessed: 3; Matches started (mentor accepted): 2; Referrals closed: 2.",
             "Nov 2025: Received 0, Matches started 0; Dec 2025: Received 0, Matches started 0; Jan 2026: Received 0, Matches started 0; Feb 2026: Received 0, Matches started 0; "
                + "Mar 2026: Received 0, Matches started 0; Apr 2026: Received 1, Matches started 0; May 2026: Received 1, Matches started 1; Jun 2026: Received 2, Matches started 2; "
                + "Jul 2026: Received 0, Matches started 1; Aug 2026: Received 1, Matches started 1; Sep 2026: Received 1, Matches started 0; Oct 2026: Received 4, Matches started 2.",
             "Up to 7 days: 1; Over 7, up to 14 days: 0; Over 14, up to 21 days: 2; Over 21 days: 0.",
             "Up to 4 weeks: 2; Over 4, up to 8 weeks: 1; Over 8, up to 12 weeks: 0; Over 12 weeks: 0."],
            ChartDescriptions(s));
        Assert.Equal(4, Regex.Count(s, "<svg [^>]*role=\"img\" aria-labelledby=\"chart-[^\"]+-title chart-[^\"]+-desc\""));

        // Year to date (April to October 2026: 10 received, 5 assessed, 7 started, 3 closed) and r0 of June 2025; concerns r0's and r1's.
        const string Launch = "Since launch: June 2025 to October 2026";
        Assert.Equal("11", Cell(s, Launch, "Referrals received"));
        Assert.Equal("6", Cell(s, Launch, "Referrals assessed"));
        Assert.Equal("8", Cell(s, Launch, "Matches started (mentor accepted)"));
        Assert.Equal("4", Cell(s, Launch, "Referrals closed"));
        Assert.Equal("2", Cell(s, Launch, "Safeguarding concerns raised"));

        Assert.Equal("2", Cell(s, "Time to match", "Matches started"));
        Assert.Equal("40.0", Cell(s, "Time to match", "Median days from assessment to match"));

        Assert.Equal("1", Cell(s, "Breakdowns", "Matches that broke down"));
        Assert.Equal("1", Cell(s, "Breakdowns", "Reason: The relationship did not work"));

        Assert.Equal("3", Cell(s, "Check-ins logged", "Check-ins logged"));
        Assert.Equal("1", Cell(s, "Check-ins logged", "Green: going well"));
        Assert.Equal("1", Cell(s, "Check-ins logged", "Amber: some worries"));
        Assert.Equal("1", Cell(s, "Check-ins logged", "Red: serious problems"));
        Assert.Equal("2", Cell(s, "Check-ins logged", "Said they had met since the last check-in"));

        const string UpToDate = "Check-ins up to date at the end of the month";
        Assert.Equal("4", Cell(s, UpToDate, "Matches running"));
        Assert.Equal("3", Cell(s, UpToDate, "Up to date with check-ins"));
        Assert.Equal("1", Cell(s, UpToDate, "Overdue for a check-in"));

        Assert.Equal(["1", "4.0"], FeedbackRow(s, "Mentees and families"));
        Assert.Equal(["1", "5.0"], FeedbackRow(s, "Mentors"));
        Assert.DoesNotContain("Secret comment", s, StringComparison.Ordinal);

        Assert.Equal("1", Cell(s, "Safeguarding", "Safeguarding concerns raised"));

        const string Mentors = "Mentor capacity as it stands now";
        Assert.Equal("3", Cell(s, Mentors, "Active mentors"));
        Assert.Equal("7", Cell(s, Mentors, "Places (total capacity)"));
        Assert.Equal("3", Cell(s, Mentors, "Places in use"));
        Assert.Equal("1", Cell(s, Mentors, "Mentors at capacity"));
        Assert.Equal("1", Cell(s, Mentors, "DBS checks expired or not recorded"));
        Assert.Equal("1", Cell(s, Mentors, "DBS checks expiring within 60 days"));
    }

    /// <summary>
    /// October 2026 for fostering, with what lies just outside it. Assessment takes 1.5, 20.0 and 19.5 days; matches
    /// start 7 and 73 days after assessment; at the month's end four matches run, one of them overdue for a check-in.
    /// </summary>
    private static async Task SeedAsync(ApiApp app, DateOnly today)
    {
        // Received 00:30 BST on 1 October; assessed within its deadline; matched; two check-ins; a concern.
        await ReferralAsync(app, New("r1", Fostering, "2026-09-30T23:30:00Z") with
        {
            Urgent = true, AssessmentDueAt = U("2026-10-02T16:00:00Z"), AssessedAt = U("2026-10-02T11:30:00Z"), Outcome = AssessmentOutcome.Suitable,
            Stage = ReferralStage.Active, MatchedAt = U("2026-10-09T11:30:00Z"), LastCheckInAt = U("2026-10-30T10:00:00Z"),
        });
        await MatchAsync(app, "r1", "m1", MatchStatus.Active, "2026-10-09T11:30:00Z");
        await CheckInAsync(app, "r1", "2026-10-20T10:00:00Z", RagStatus.Green, met: true);
        await CheckInAsync(app, "r1", "2026-10-30T10:00:00Z", RagStatus.Amber, met: false);
        await ConcernAsync(app, "r1", "2026-10-07T10:00:00Z");

        await ReferralAsync(app, New("r2", Fostering, "2026-10-05T09:00:00Z") with
        {
            Kind = ReferralKind.Professional, ReferrerSector = ReferrerSector.Health,
            AssessmentDueAt = U("2026-10-19T09:00:00Z"), AssessedAt = U("2026-10-25T09:00:00Z"), Outcome = AssessmentOutcome.NotSuitable,
            Stage = ReferralStage.Closed, ClosedAt = U("2026-10-25T09:05:00Z"), ClosureReason = "not-suitable",
        });

        // Late; a declined proposal and a withdrawn one, neither of which is a match started.
        await ReferralAsync(app, New("r3", Fostering, "2026-10-10T09:00:00Z") with
        {
            AssessmentDueAt = U("2026-10-24T09:00:00Z"), AssessedAt = U("2026-10-29T21:00:00Z"), Outcome = AssessmentOutcome.Suitable, Stage = ReferralStage.Matching,
        });
        await MatchAsync(app, "r3", "m3d", MatchStatus.Declined, "2026-10-28T10:00:00Z");
        await MatchAsync(app, "r3", "m3w", MatchStatus.Ended, "2026-10-30T10:00:00Z");
        // Proposed on 31 October and declined in November: it held a place at October's end.
        await MatchAsync(app, "r3", "m3n", MatchStatus.Declined, "2026-11-02T10:00:00Z");

        // 23:30 GMT on 31 October: still October. A professional's, made before the form asked for their sector.
        await ReferralAsync(app, New("r4", Fostering, "2026-10-31T23:30:00Z") with { Kind = ReferralKind.Professional });

        // Received in August; its first match broke down in October and a second began.
        await ReferralAsync(app, New("r5", Fostering, "2026-08-01T09:00:00Z") with
        {
            AssessedAt = U("2026-08-10T10:00:00Z"), Outcome = AssessmentOutcome.Suitable, Stage = ReferralStage.Active, MatchedAt = U("2026-10-22T10:00:00Z"),
        });
        await MatchAsync(app, "r5", "m5a", MatchStatus.BrokenDown, "2026-08-20T10:00:00Z", ended: "2026-10-15T12:00:00Z", reason: "relationship");
        await MatchAsync(app, "r5", "m5b", MatchStatus.Active, "2026-10-22T10:00:00Z");
        await CheckInAsync(app, "r5", "2026-10-12T10:00:00Z", RagStatus.Red, met: true);
        await CheckInAsync(app, "r5", "2026-09-15T10:00:00Z", RagStatus.Green, met: true);
        await ConcernAsync(app, "r5", "2026-11-03T10:00:00Z");

        // A planned end in October, with feedback from both sides.
        await ReferralAsync(app, New("r6", Fostering, "2026-06-01T09:00:00Z") with
        {
            AssessedAt = U("2026-06-05T10:00:00Z"), Outcome = AssessmentOutcome.Suitable, MatchedAt = U("2026-06-20T10:00:00Z"),
            Stage = ReferralStage.Closed, ClosedAt = U("2026-10-20T10:00:00Z"), ClosureReason = "planned-end",
        });
        await MatchAsync(app, "r6", "m6", MatchStatus.Ended, "2026-06-20T10:00:00Z", ended: "2026-10-20T10:00:00Z", reason: "planned-end");
        await FeedbackAsync(app, "r6", "mentee", "2026-10-18T10:00:00Z", 4);
        await FeedbackAsync(app, "r6", "mentor", "2026-10-19T10:00:00Z", 5);

        // September's closure, feedback and breakdown.
        await ReferralAsync(app, New("r7", Fostering, "2026-05-01T09:00:00Z") with { Stage = ReferralStage.Closed, ClosedAt = U("2026-09-25T10:00:00Z"), ClosureReason = "withdrawn" });
        await MatchAsync(app, "r7", "m7", MatchStatus.BrokenDown, "2026-06-01T10:00:00Z", ended: "2026-09-10T10:00:00Z", reason: "other");
        await FeedbackAsync(app, "r7", "mentee", "2026-09-20T10:00:00Z", 1);

        // Running since July, last checked in on 1 September: overdue at the end of October, whatever came after.
        await ReferralAsync(app, New("r8", Fostering, "2026-06-01T09:00:00Z") with
        {
            Stage = ReferralStage.Active, MatchedAt = U("2026-07-01T10:00:00Z"), LastCheckInAt = U("2026-11-05T10:00:00Z"),
        });
        await MatchAsync(app, "r8", "m8", MatchStatus.Active, "2026-07-01T10:00:00Z");
        await CheckInAsync(app, "r8", "2026-09-01T10:00:00Z", RagStatus.Green, met: true);
        await CheckInAsync(app, "r8", "2026-11-05T10:00:00Z", RagStatus.Green, met: true);

        // Closed in November, so still running at the end of October, and checked in within 35 days of it.
        await ReferralAsync(app, New("r9", Fostering, "2026-04-01T09:00:00Z") with
        {
            MatchedAt = U("2026-05-01T10:00:00Z"), Stage = ReferralStage.Closed, ClosedAt = U("2026-11-10T10:00:00Z"), ClosureReason = "planned-end",
        });
        await MatchAsync(app, "r9", "m9", MatchStatus.Ended, "2026-05-01T10:00:00Z", ended: "2026-11-10T10:00:00Z", reason: "planned-end");
        await CheckInAsync(app, "r9", "2026-09-28T12:00:00Z", RagStatus.Green, met: true);

        // 23:30 BST on 30 September, and midnight GMT on 1 November: neither is October's.
        await ReferralAsync(app, New("r11", Fostering, "2026-09-30T22:30:00Z") with { Urgent = true });
        await ReferralAsync(app, New("r12", Fostering, "2026-11-01T00:00:00Z") with { Urgent = true });

        // The scheme's first referral, June 2025: outside the twelve months and the financial year, only in the totals since launch.
        await ReferralAsync(app, New("r0", Fostering, "2025-06-10T09:00:00Z") with
        {
            AssessedAt = U("2025-06-16T09:00:00Z"), Outcome = AssessmentOutcome.Suitable, MatchedAt = U("2025-06-25T10:00:00Z"),
            Stage = ReferralStage.Closed, ClosedAt = U("2025-07-20T10:00:00Z"), ClosureReason = "planned-end",
        });
        await MatchAsync(app, "r0", "m0", MatchStatus.Ended, "2025-06-25T10:00:00Z", ended: "2025-07-20T10:00:00Z", reason: "planned-end");
        await ConcernAsync(app, "r0", "2025-06-20T10:00:00Z");

        // The other scheme's October.
        await ReferralAsync(app, New("p1", PeerLink, "2026-10-10T09:00:00Z") with
        {
            Urgent = true, AssessmentDueAt = U("2026-10-20T09:00:00Z"), AssessedAt = U("2026-10-11T09:00:00Z"), Outcome = AssessmentOutcome.Withdrawn,
            Stage = ReferralStage.Closed, ClosedAt = U("2026-10-11T09:00:00Z"), ClosureReason = "withdrawn",
        });
        await MatchAsync(app, "p1", "pm1", MatchStatus.BrokenDown, "2026-09-20T10:00:00Z", ended: "2026-10-16T10:00:00Z", reason: "other");
        await CheckInAsync(app, "p1", "2026-10-15T10:00:00Z", RagStatus.Red, met: true);
        await FeedbackAsync(app, "p1", "mentor", "2026-10-15T10:00:00Z", 1);
        await ConcernAsync(app, "p1", "2026-10-14T10:00:00Z");

        await MentorAsync(app, "ma", Fostering, capacity: 2, inUse: 2, today.AddDays(400));
        await MentorAsync(app, "mb", Fostering, capacity: 3, inUse: 1, today.AddDays(30));
        await MentorAsync(app, "mc", Fostering, capacity: 2, inUse: 0, today.AddDays(-1));
        await MentorAsync(app, "md", Fostering, capacity: 2, inUse: 0, null, active: false);
        await MentorAsync(app, "pa", PeerLink, capacity: 5, inUse: 5, today.AddDays(400));
    }

    private static Referral New(string id, string scheme, string received) =>
        new() { Id = id, Reference = "REF-" + id, SchemeId = scheme, PolicyVersion = 1, ConsentGiven = true, ReceivedAt = U(received) };

    private static async Task ReferralAsync(ApiApp app, Referral referral) =>
        Assert.True(await app.Store.Referrals.TryInsertAsync(referral.Id, "", referral, MatchProposals.ReferralColumns(referral), None));

    private static async Task MatchAsync(ApiApp app, string referralId, string id, MatchStatus status, string responded, string? ended = null, string? reason = null)
    {
        var match = new MatchRecord
        {
            Id = id, ReferralId = referralId, MentorId = "ma", Status = status, ProposedAt = U(responded).AddDays(-2), RespondedAt = U(responded),
            EndedAt = ended is null ? null : U(ended), EndReason = reason,
        };
        Assert.True(await app.Store.Matches.TryInsertAsync(referralId, id, match, MatchProposals.Columns(match), None));
    }

    private static async Task CheckInAsync(ApiApp app, string referralId, string at, RagStatus rag, bool met) =>
        Assert.True(await app.Store.CheckIns.TryInsertAsync(
            referralId, PeerFlowStore.NewestFirstKey(U(at)),
            new CheckIn { Id = "c" + Guid.NewGuid().ToString("N")[..8], ReferralId = referralId, MatchId = "m", At = U(at), Rag = rag, MetSinceLastCheckIn = met, Notes = "Secret comment" }, null, None));

    private static Task FeedbackAsync(ApiApp app, string referralId, string from, string at, int helpfulness) =>
        app.Store.Feedback.UpsertAsync(referralId, from, new Feedback { ReferralId = referralId, From = from, At = U(at), Helpfulness = helpfulness, Comments = "Secret comment" }, null, None);

    private static async Task ConcernAsync(ApiApp app, string referralId, string at) =>
        Assert.True(await app.Store.Concerns.TryInsertAsync(referralId, PeerFlowStore.Key(U(at)), new SafeguardingConcern(referralId, U(at), "tester", "Secret comment"), null, None));

    private static async Task MentorAsync(ApiApp app, string id, string scheme, int capacity, int inUse, DateOnly? dbs, bool active = true)
    {
        var mentor = new Mentor
        {
            Id = id, SchemeId = scheme, Name = "Mentor " + id, Email = id + "@example.org", Capacity = capacity, ActiveMatches = inUse, DbsCheckExpires = dbs, Active = active,
        };
        Assert.True(await app.Store.Mentors.TryInsertAsync("mentor", id, mentor, MatchProposals.MentorColumns(mentor), None));
    }

    private static DateTime U(string utc) => DateTime.Parse(utc, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    /// <summary>One scheme's section of the report.</summary>
    private static string Section(string html, string scheme)
    {
        var start = html.IndexOf($"<section aria-labelledby=\"scheme-{scheme}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No section for {scheme}.");
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    /// <summary>The number beside a row heading in the table with this caption.</summary>
    private static string Cell(string html, string caption, string row) => Cells(html, caption, row)[0];

    private static string[] FeedbackRow(string html, string from) => Cells(html, "Closure feedback received", from);

    private static string[] Cells(string html, string caption, string row)
    {
        var table = Regex.Match(html, "<caption>" + Regex.Escape(caption) + "</caption>(.*?)</table>", RegexOptions.Singleline);
        Assert.True(table.Success, $"No table captioned \"{caption}\".");
        var tr = Regex.Match(table.Groups[1].Value, "<tr><th scope=\"row\">" + Regex.Escape(row) + "</th>(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(tr.Success, $"No row \"{row}\" in \"{caption}\".");
        return [.. Regex.Matches(tr.Groups[1].Value, "<td class=\"(?:number|words)\">(.*?)</td>").Select(m => m.Groups[1].Value)];
    }

    private static List<string> ChartDescriptions(string html) =>
        [.. Regex.Matches(html, "<desc id=\"[^\"]+\">(.*?)</desc>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    [GeneratedRegex("<option value=\"(?<month>\\d{4}-\\d{2})\"")]
    private static partial Regex MonthOption();
}
