using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PeerFlow.Domain.Email;
using static PeerFlow.Web.Tests.Api.ApiAssert;

namespace PeerFlow.Web.Tests.Api;

/// <summary>
/// Through HTTP only, on Azurite, with the real standalone worker in the Development environment: the sandbox clock
/// drives deadlines, and email goes through the real SendGrid sender to the app's own capture endpoint, where the
/// tests read the SendGrid payloads and follow the signed links in them as mentors and mentees would.
/// </summary>
public class EndToEndTests
{
    private const string Fostering = "foster-mentoring";
    private const string PeerLink = "peer-link";
    private const string FosteringCoordinator = "fostering.coordinator@example.org";
    private const string AdoptionManager = "adoption.manager@example.org";
    private const string Referrer = "pat.social@example.gov.uk";
    private const string Mentee = "jamie.fox@example.com";
    private const string Mentor = "rosa.martin@example.org";

    [Fact]
    public async Task HappyPath_FromReferralToClosure_ThroughHttpEmailAndSignedLinks_OnTheSandboxClock()
    {
        await using var app = new ApiApp { EasyAuth = false };
        using var http = app.CreateClient();
        var today = DateOnly.FromDateTime((await ClockAsync(http)).UtcDateTime);

        // Two mentors: one who fits, one who cannot be proposed (no DBS check, and not local).
        var rosa = await CreateMentorAsync(http, "Rosa Martin", Mentor, "EX1", today.AddYears(2));
        var owen = await CreateMentorAsync(http, "Owen Price", "owen.price@example.org", "PL4", dbsExpires: null);

        // A professional referral: acknowledged to the referrer, and the coordinator told.
        var referral = await ReferAsync(http, Fostering, "Jamie Fox", Mentee, professional: true);
        var reference = referral.GetProperty("reference").GetString()!;
        var id = referral.GetProperty("id").GetString()!;
        await Eventually(async () => (await ViewAsync(http, id)).Timeline.Contains("ReferralReceived"), "the acknowledgement in the timeline");
        var ack = await MailAsync(app, EmailTemplateNames.ReferralReceived, Referrer);
        Assert.Equal([Referrer], ack.Summary.To);
        Assert.Equal($"We have received your referral (reference {reference})", ack.Summary.Subject);
        Assert.EndsWith(":referrer", ack.CustomArgs[SendGridCustomArgs.IdempotencyKey], StringComparison.Ordinal);
        Assert.Equal(EmailTemplateNames.ReferralReceived, ack.CustomArgs[SendGridCustomArgs.Template]);
        Assert.Equal(ack.Summary.IdempotencyKey, ack.CustomArgs[SendGridCustomArgs.IdempotencyKey]);
        var notice = await MailAsync(app, EmailTemplateNames.ReferralReceivedCoordinator, FosteringCoordinator);
        Assert.Equal($"New referral {reference} for Foster Carer Mentoring", notice.Summary.Subject);
        Assert.EndsWith(":coordinator", notice.CustomArgs[SendGridCustomArgs.IdempotencyKey], StringComparison.Ordinal);
        Assert.DoesNotContain("Jamie", notice.Payload, StringComparison.Ordinal); // staff notices carry the reference, not the family's name

        // Replies to PeerFlow are not read, so people outside the team are told who to contact, by name; staff are greeted by name.
        Assert.Contains("Questions? Contact Priya Shah, coordinator of Foster Carer Mentoring: 01632 960 114 or fostering.coordinator@example.org", ack.Payload, StringComparison.Ordinal);
        Assert.Contains("Hello Priya,", notice.Payload, StringComparison.Ordinal);
        Assert.Contains("We have received your referral to Foster Carer Mentoring at South West Family Support (demo).", ack.Payload, StringComparison.Ordinal);
        Assert.DoesNotContain("Questions? Contact", notice.Payload, StringComparison.Ordinal);
        await Eventually(async () => (await ViewAsync(http, id)).Scheduled.Contains("assessment-overdue"), "the assessment deadline among what is scheduled");

        // Another referral, to a scheme with a shorter wait for a match, assessed at once and left waiting for one.
        var waiting = (await ReferAsync(http, PeerLink, "Morgan Lee", "morgan.lee@example.com", professional: false)).GetProperty("id").GetString()!;

        // Assessed as suitable; the explained shortlist; a proposal.
        await AssessSuitableAsync(http, id);
        await AssessSuitableAsync(http, waiting);
        await WaitForStageAsync(http, id, "Matching");
        var shortlist = await JsonAsync(await http.GetAsync($"/api/referrals/{id}/shortlist"), HttpStatusCode.OK);
        var candidate = Assert.Single(shortlist.GetProperty("candidates").EnumerateArray());
        Assert.Equal(rosa, candidate.GetProperty("mentorId").GetString());
        Assert.InRange(candidate.GetProperty("score").GetInt32(), 1, 100);
        Assert.NotEmpty(candidate.GetProperty("reasons").EnumerateArray());
        var excluded = Assert.Single(shortlist.GetProperty("excluded").EnumerateArray());
        Assert.Equal(owen, excluded.GetProperty("mentorId").GetString());
        var why = excluded.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Contains("No DBS check on record", why);
        Assert.Contains(why, r => r.StartsWith("Not local", StringComparison.Ordinal));
        Assert.False(excluded.GetProperty("excludedOnlyForCapacity").GetBoolean());

        // The coordinator describes the family for a proposed mentor, in words chosen for sharing.
        const string Shared = "Newly approved carers of two brothers, keen on the outdoors.";
        await JsonAsync(await http.PutAsync($"/api/referrals/{id}/needs", Json(new JsonObject
        {
            ["profile"] = new JsonObject { ["postcodeDistrict"] = "EX4", ["availability"] = new JsonArray("evenings"), ["interests"] = new JsonArray("outdoors"), ["experiences"] = new JsonArray("teenagers"), ["languages"] = new JsonArray("English") },
            ["sharedDescription"] = Shared,
        })), HttpStatusCode.OK);

        var proposal = await JsonAsync(await http.PostAsync($"/api/referrals/{id}/matches", Json(new JsonObject { ["mentorId"] = rosa })), HttpStatusCode.Created);
        var matchId = proposal.GetProperty("id").GetString()!;
        Assert.Equal(1, (await MentorAsync(http, rosa)).GetProperty("load").GetInt32());

        // The mentor accepts through the link in the proposal email; the link works once.
        var proposed = await MailAsync(app, EmailTemplateNames.MatchProposed, Mentor);
        Assert.StartsWith("Can you support a new Foster Carer Mentoring match?", proposed.Summary.Subject, StringComparison.Ordinal);
        Assert.Contains(reference, proposed.Text, StringComparison.Ordinal);
        Assert.Contains(Shared, proposed.Text, StringComparison.Ordinal);
        Assert.Contains(Shared, proposed.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("would value support", proposed.Text, StringComparison.Ordinal); // never the reason for referral
        var accept = LinkToken(proposed, "accept");
        _ = LinkToken(proposed, "decline");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/links/accept?t={accept}")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/links/accept?t={accept}", null)).StatusCode);
        var reused = await ProblemAsync(await http.PostAsync($"/api/links/accept?t={accept}", null), HttpStatusCode.Conflict);
        Assert.Equal("Link already used", reused.GetProperty("title").GetString());

        await WaitForStageAsync(http, id, "Active");
        var toMentor = await MailAsync(app, EmailTemplateNames.MatchConfirmed, Mentor);
        Assert.Equal("Your new Foster Carer Mentoring match is confirmed", toMentor.Summary.Subject);
        var toMentee = await MailAsync(app, EmailTemplateNames.MatchConfirmed, Mentee);
        Assert.Equal("We have found you a mentor", toMentee.Summary.Subject);
        _ = LinkToken(toMentee, "mentee-voice"); // a way to raise a worry while matched
        Assert.DoesNotContain("mentee-voice", toMentor.Text, StringComparison.Ordinal);
        var view = await ViewAsync(http, id);
        Assert.Equal(rosa, view.Json.GetProperty("mentorId").GetString());
        Assert.Equal("Active", Assert.Single(view.Json.GetProperty("matches").EnumerateArray(), m => m.GetProperty("id").GetString() == matchId).GetProperty("status").GetString());
        Assert.Contains("Mentor accepted the match", view.Texts);

        // Nearly a month later: the check-in reminder, with a calendar invite and a link to log the check-in.
        // It falls at 09:00 London on a working day, so how far ahead depends on today's date: move to it, not by a fixed
        // number of days (a run that began on a Monday just after midnight met Boxing Day 26 days on).
        var started = await ClockAsync(http);
        var reminderAt = DateTimeOffset.Parse(
            await Eventually(
                async () => (await ViewAsync(http, id)).Json.GetProperty("scheduled").EnumerateArray()
                    .Where(s => s.GetProperty("kind").GetString() == EmailTemplateNames.CheckInReminder)
                    .Select(s => s.GetProperty("dueAt").GetString())
                    .FirstOrDefault(),
                "the check-in reminder among what is scheduled"),
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal);
        await AdvanceToAsync(http, reminderAt.AddMinutes(1));
        // Due 28 days after the match, reminded 3 days before: 24.4 days for a match at midnight London, more when
        // the reminder day is not a working day (a run on 6 December met Christmas and New Year).
        Assert.InRange((await ClockAsync(http)) - started, TimeSpan.FromDays(24), TimeSpan.FromDays(31));
        var reminder = await MailAsync(app, EmailTemplateNames.CheckInReminder, Mentor);
        Assert.StartsWith("Check-in with Foster Carer Mentoring due ", reminder.Summary.Subject, StringComparison.Ordinal);
        var invite = Assert.Single(reminder.Attachments);
        Assert.EndsWith(".ics", invite.FileName, StringComparison.Ordinal);
        Assert.Equal("text/calendar", invite.MimeType);
        var ics = Encoding.UTF8.GetString(invite.Content.Span);
        Assert.Contains("BEGIN:VCALENDAR", ics, StringComparison.Ordinal);
        Assert.Contains("BEGIN:VEVENT", ics, StringComparison.Ordinal);
        // The first meeting was never recorded, so the coordinator was alerted on the way (two weeks after the match).
        await MailAsync(app, EmailTemplateNames.FirstMeetingOverdue, FosteringCoordinator);

        var checkIn = LinkToken(reminder, "checkin");
        var badCheckIn = await http.PostAsync($"/api/links/checkin?t={checkIn}", Json("""{"rag":"blue","met":true}"""));
        await ValidationProblemAsync(badCheckIn, "rag"); // a mistake on the form does not use the link up
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/links/checkin?t={checkIn}", Json("""{"rag":"green","met":true,"notes":"Met for coffee"}"""))).StatusCode);
        await Eventually(async () => (await ViewAsync(http, id)).Json.GetProperty("lastCheckInAt").ValueKind == JsonValueKind.String, "the check-in on the referral");
        Assert.Contains("Check-in logged (Green)", (await ViewAsync(http, id)).Texts);

        // Alerts: a referral received now misses its assessment deadline; the one waiting for a match is overdue too,
        // with an earlier due time, yet overdue assessments come first.
        var late = (await ReferAsync(http, Fostering, "Casey Brook", "casey.brook@example.com", professional: false)).GetProperty("id").GetString()!;
        var lateDue = await Eventually(
            async () => (await ViewAsync(http, late)).Json.GetProperty("assessmentDueAt") is { ValueKind: JsonValueKind.String } due ? due.GetString() : null,
            "the assessment deadline of the late referral");
        var dueAt = DateTime.Parse(lateDue, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        await AdvanceAsync(http, days: Math.Ceiling((dueAt - (await ClockAsync(http)).UtcDateTime).TotalDays) + 1);
        await MailAsync(app, EmailTemplateNames.AssessmentOverdue, FosteringCoordinator);
        await MailAsync(app, EmailTemplateNames.MatchUpdate, AdoptionManager);

        var items = await Eventually(
            async () =>
            {
                var list = (await http.GetFromJsonAsync<JsonElement>("/api/alerts")).EnumerateArray().ToList();
                return list.Any(a => a.GetProperty("referralId").GetString() == late) && list.Any(a => a.GetProperty("referralId").GetString() == waiting) ? list : null;
            },
            "the overdue alerts");
        var first = items[0];
        Assert.Equal(late, first.GetProperty("referralId").GetString());
        Assert.True(first.GetProperty("overdue").GetBoolean());
        Assert.Equal("assessment", first.GetProperty("stage").GetString());
        Assert.Equal("assessment-due", first.GetProperty("kind").GetString());
        Assert.Equal(Fostering, first.GetProperty("schemeId").GetString());
        Assert.False(string.IsNullOrEmpty(first.GetProperty("reference").GetString()));
        var matching = Assert.Single(items, a => a.GetProperty("referralId").GetString() == waiting);
        Assert.True(matching.GetProperty("overdue").GetBoolean());
        Assert.Equal("match-due", matching.GetProperty("kind").GetString());
        Assert.True(matching.GetProperty("dueAt").GetDateTime() < first.GetProperty("dueAt").GetDateTime());
        var overdue = items.Select(a => a.GetProperty("overdue").GetBoolean()).ToList();
        var adoptionOnly = (await http.GetFromJsonAsync<JsonElement>($"/api/alerts?scheme={Uri.EscapeDataString(matching.GetProperty("schemeId").GetString()!)}")).EnumerateArray().ToList();
        Assert.Contains(adoptionOnly, a => a.GetProperty("referralId").GetString() == waiting);
        Assert.DoesNotContain(adoptionOnly, a => a.GetProperty("referralId").GetString() == late);
        Assert.Equal(overdue.OrderByDescending(o => o), overdue);
        Assert.DoesNotContain(items, a => a.GetProperty("referralId").GetString() == id && a.GetProperty("overdue").GetBoolean());

        // Closure: feedback is asked of both through their own links, then the referral closes and the place is freed.
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/referrals/{id}/closure", Json("""{"reason":"Planned end"}"""))).StatusCode);
        var menteeRequest = await MailAsync(app, EmailTemplateNames.FeedbackRequest, Mentee);
        var mentorRequest = await MailAsync(app, EmailTemplateNames.FeedbackRequest, Mentor);
        Assert.Equal("How was your time with Foster Carer Mentoring? Tell us in two minutes", menteeRequest.Summary.Subject);
        await WaitForStageAsync(http, id, "Closing");
        var fromMentee = LinkToken(menteeRequest, "mentee-feedback");
        var fromMentor = LinkToken(mentorRequest, "mentor-feedback");
        await ValidationProblemAsync(await http.PostAsync($"/api/links/mentee-feedback?t={fromMentee}", Json("""{"helpfulness":9}""")), "helpfulness");
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/links/mentee-feedback?t={fromMentee}", Json("""{"helpfulness":5,"comments":"Rosa really helped"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/links/mentor-feedback?t={fromMentor}", Json("""{"helpfulness":4}"""))).StatusCode);
        await ProblemAsync(await http.PostAsync($"/api/links/mentor-feedback?t={fromMentor}", Json("""{"helpfulness":4}""")), HttpStatusCode.Conflict);

        await WaitForStageAsync(http, id, "Closed");
        view = await ViewAsync(http, id);
        Assert.Equal("planned-end", view.Json.GetProperty("closureReason").GetString());
        Assert.Equal(JsonValueKind.String, view.Json.GetProperty("closedAt").ValueKind);
        await Eventually(async () => (await ViewAsync(http, id)).Json.GetProperty("workflowStatus").GetString() == "Completed", "the workflow to complete");
        Assert.Equal(0, (await MentorAsync(http, rosa)).GetProperty("load").GetInt32());
        Assert.False((await MentorAsync(http, rosa)).GetProperty("atCapacity").GetBoolean());
        Assert.Equal(["Closed"], (await http.GetFromJsonAsync<JsonElement>($"/api/referrals?stage=closed")).GetProperty("items").EnumerateArray().Select(r => r.GetProperty("stage").GetString()));

        // No email went twice: every captured message has its own idempotency key.
        var mail = await app.Mail.ListAsync();
        Assert.All(mail, m => Assert.False(string.IsNullOrEmpty(m.IdempotencyKey)));
        Assert.Equal(mail.Count, mail.Select(m => m.IdempotencyKey).Distinct().Count());
        Assert.Single(mail, m => m.Template == EmailTemplateNames.MatchProposed);
        Assert.Single(mail, m => m.Template == EmailTemplateNames.CheckInReminder);
    }

    [Fact]
    public async Task DeclineThroughTheEmailedLink_ProposesTheNextCandidate_ThenSafeguardingAlertsAtOnce_AndABreakdownNeverRepeatsThePairing()
    {
        await using var app = new ApiApp { EasyAuth = false };
        using var http = app.CreateClient();
        var today = DateOnly.FromDateTime((await ClockAsync(http)).UtcDateTime);
        var rosa = await CreateMentorAsync(http, "Rosa Martin", Mentor, "EX1", today.AddYears(2));
        var kofi = await CreateMentorAsync(http, "Kofi Mensah", "kofi.mensah@example.org", "EX3", today.AddYears(1), interests: ["music"], experiences: ["toddlers"]);
        var referral = await ReferAsync(http, Fostering, "Jamie Fox", Mentee, professional: false);
        var id = referral.GetProperty("id").GetString()!;
        var reference = referral.GetProperty("reference").GetString()!;
        await AssessSuitableAsync(http, id);
        await WaitForStageAsync(http, id, "Matching");
        var shortlist = await JsonAsync(await http.GetAsync($"/api/referrals/{id}/shortlist"), HttpStatusCode.OK);
        Assert.Equal([rosa, kofi], shortlist.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("mentorId").GetString()));
        Assert.Empty(shortlist.GetProperty("excluded").EnumerateArray());

        // Rosa declines through her email; Kofi, the next best, is proposed without the coordinator doing anything.
        var first = (await JsonAsync(await http.PostAsync($"/api/referrals/{id}/matches", Json(new JsonObject { ["mentorId"] = rosa })), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var toRosa = await MailAsync(app, EmailTemplateNames.MatchProposed, Mentor);
        Assert.Equal(rosa, (await app.Store.Referrals.GetAsync(id, "", CancellationToken.None))!.Value.ProposedMentorId);
        Assert.Contains("Proposed to Rosa Martin", await http.GetStringAsync("/dashboard"), StringComparison.Ordinal);
        // The older address form, token in the path (links sent before the token moved to the query string), still works.
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/links/decline/{LinkToken(toRosa, "decline")}", null)).StatusCode);
        var toKofi = await MailAsync(app, EmailTemplateNames.MatchProposed, "kofi.mensah@example.org");
        var declined = await MailAsync(app, EmailTemplateNames.MatchUpdate, FosteringCoordinator);
        Assert.Contains(reference, declined.Summary.Subject, StringComparison.Ordinal);
        await Eventually(async () => (await MentorAsync(http, rosa)).GetProperty("load").GetInt32() == 0, "Rosa's place to be given back");
        Assert.Equal(1, (await MentorAsync(http, kofi)).GetProperty("load").GetInt32());
        Assert.Equal(kofi, (await app.Store.Referrals.GetAsync(id, "", CancellationToken.None))!.Value.ProposedMentorId);
        Assert.Contains("Proposed to Kofi Mensah", await http.GetStringAsync("/dashboard"), StringComparison.Ordinal);
        var matches = (await ViewAsync(http, id)).Json.GetProperty("matches").EnumerateArray().ToList();
        Assert.Equal("Declined", Assert.Single(matches, m => m.GetProperty("id").GetString() == first).GetProperty("status").GetString());
        Assert.Equal("Proposed", Assert.Single(matches, m => m.GetProperty("mentorId").GetString() == kofi).GetProperty("status").GetString());
        shortlist = await JsonAsync(await http.GetAsync($"/api/referrals/{id}/shortlist"), HttpStatusCode.OK);
        var notAgain = Assert.Single(shortlist.GetProperty("excluded").EnumerateArray(), e => e.GetProperty("mentorId").GetString() == rosa);
        Assert.Contains(notAgain.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("declined", StringComparison.Ordinal));
        var staleAccept = await http.PostAsync($"/api/links/accept/{LinkToken(toRosa, "accept")}", null);
        Assert.Equal(HttpStatusCode.Conflict, staleAccept.StatusCode);
        Assert.False(notAgain.GetProperty("excludedOnlyForCapacity").GetBoolean());
        await ProblemAsync(await http.PostAsync($"/api/referrals/{id}/matches", Json(new JsonObject { ["mentorId"] = rosa })), HttpStatusCode.Conflict);

        // Kofi accepts; a safeguarding concern alerts the coordinator and the scheme's safeguarding lead at once, and the match goes on.
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/links/accept/{LinkToken(toKofi, "accept")}", null)).StatusCode);
        await WaitForStageAsync(http, id, "Active");
        Assert.Null((await app.Store.Referrals.GetAsync(id, "", CancellationToken.None))!.Value.ProposedMentorId);
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/referrals/{id}/safeguarding", Json("""{"details":"Disclosure during a visit","raisedBy":"Kofi"}"""))).StatusCode);
        foreach (var to in new[] { FosteringCoordinator, "fostering.safeguarding@example.org" })
        {
            var alert = await MailAsync(app, EmailTemplateNames.SafeguardingAlert, to);
            Assert.Equal($"Safeguarding concern raised: referral {reference}", alert.Summary.Subject);
            Assert.DoesNotContain("Disclosure", alert.Payload, StringComparison.Ordinal); // the details stay in PeerFlow
        }

        await Eventually(async () => (await ViewAsync(http, id)).Timeline.Contains("SafeguardingAlert"), "the safeguarding alert in the timeline");
        Assert.Equal("Active", (await ViewAsync(http, id)).Json.GetProperty("stage").GetString());

        // The pairing breaks down: back to matching, Kofi's place freed, and he is never proposed again.
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/referrals/{id}/breakdown", Json("""{"reason":"Moved away"}"""))).StatusCode);
        await WaitForStageAsync(http, id, "Matching");
        await Eventually(async () => (await MentorAsync(http, kofi)).GetProperty("load").GetInt32() == 0, "Kofi's place to be given back");
        shortlist = await JsonAsync(await http.GetAsync($"/api/referrals/{id}/shortlist"), HttpStatusCode.OK);
        Assert.Empty(shortlist.GetProperty("candidates").EnumerateArray());
        var brokeDown = Assert.Single(shortlist.GetProperty("excluded").EnumerateArray(), e => e.GetProperty("mentorId").GetString() == kofi);
        Assert.Contains("Previously paired with this family — the match broke down", brokeDown.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        await ProblemAsync(await http.PostAsync($"/api/referrals/{id}/matches", Json(new JsonObject { ["mentorId"] = kofi })), HttpStatusCode.Conflict);
        Assert.Equal(
            "BrokenDown",
            Assert.Single((await ViewAsync(http, id)).Json.GetProperty("matches").EnumerateArray(), m => m.GetProperty("mentorId").GetString() == kofi).GetProperty("status").GetString());
    }

    [Fact]
    public async Task WorkflowHistoryStatusAndQueues_HoldIdsAndCodesOnly_NeverWhatPeopleTyped()
    {
        await using var app = new ApiApp { EasyAuth = false };
        using var http = app.CreateClient();
        var today = DateOnly.FromDateTime((await ClockAsync(http)).UtcDateTime);
        var mentor = await CreateMentorAsync(http, "Ottoline Brackenbury", "ottoline.brackenbury@example.org", "EX1", today.AddYears(2));
        var id = (await ReferAsync(http, Fostering, "Perpetua Wintergreen", "perpetua.wintergreen@example.com", professional: false)).GetProperty("id").GetString()!;
        await AssessSuitableAsync(http, id);
        await WaitForStageAsync(http, id, "Matching");
        var match = (await JsonAsync(await http.PostAsync($"/api/referrals/{id}/matches", Json(new JsonObject { ["mentorId"] = mentor })), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/referrals/{id}/matches/{match}/answer", Json("""{"accepted":true}"""))).StatusCode);
        await WaitForStageAsync(http, id, "Active");
        var texts = new List<string>();
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync($"/api/referrals/{id}/checkins", Json("""{"rag":"red","met":true,"notes":"Perpetua spoke about her insulin"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/referrals/{id}/safeguarding", Json("""{"details":"Bruising seen at 14 Larkspur Close","raisedBy":"Ottoline"}"""))).StatusCode);
        texts.AddRange(await EngineStorageTextAsync(app));
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/referrals/{id}/closure", Json("""{"reason":"Moved to 14 Larkspur Close after an insulin diagnosis"}"""))).StatusCode);
        texts.AddRange(await EngineStorageTextAsync(app));
        await WaitForStageAsync(http, id, "Closing");
        await app.SettleAsync();
        texts.AddRange(await EngineStorageTextAsync(app));

        Assert.Contains(texts, t => t.Contains(id, StringComparison.Ordinal)); // the scan does see the workflow's own data
        foreach (var personal in new[] { "Perpetua", "Wintergreen", "Ottoline", "Brackenbury", "insulin", "Larkspur", "Bruising", "Newly approved" })
        {
            Assert.DoesNotContain(texts, t => t.Contains(personal, StringComparison.OrdinalIgnoreCase));
        }

        Assert.Contains("Larkspur", string.Join('\n', (await ViewAsync(http, id)).Texts), StringComparison.Ordinal); // kept in the records instead
    }

    /// <summary>Every string the engine keeps for the app's task hub: history and instance rows, queue messages, blobs.</summary>
    private static async Task<List<string>> EngineStorageTextAsync(ApiApp app)
    {
        var connection = Environment.GetEnvironmentVariable("PEERFLOW_STORAGE")!;
        var hub = app.TaskHub;
        var texts = new List<string>();
        var tables = new Azure.Data.Tables.TableServiceClient(connection);
        // DurableTask.AzureStorage's own tables; PeerFlow's records share the prefix and are meant to hold the details.
        foreach (var table in new[] { hub + "History", hub + "Instances", hub + "Partitions" })
        {
            await foreach (var row in tables.GetTableClient(table).QueryAsync<Azure.Data.Tables.TableEntity>())
            {
                texts.AddRange(row.Select(p => p.Value).OfType<string>());
                texts.AddRange(row.Select(p => p.Value).OfType<byte[]>().Select(b => Encoding.UTF8.GetString(b)));
            }
        }

        var queues = new Azure.Storage.Queues.QueueServiceClient(connection);
        await foreach (var queue in queues.GetQueuesAsync(prefix: hub.ToLowerInvariant()))
        {
            foreach (var message in (await queues.GetQueueClient(queue.Name).PeekMessagesAsync(32)).Value)
            {
                texts.Add(message.Body.ToString());
            }
        }

        var blobs = new Azure.Storage.Blobs.BlobServiceClient(connection);
        await foreach (var container in blobs.GetBlobContainersAsync(prefix: hub.ToLowerInvariant()))
        {
            var client = blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync())
            {
                texts.Add((await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString());
            }
        }

        return texts;
    }

    /// <summary>A referral as the API shows it, with the timeline's kinds and texts and what is scheduled next.</summary>
    private sealed record View(JsonElement Json, IReadOnlyList<string> Timeline, IReadOnlyList<string> Texts, IReadOnlyList<string> Scheduled);

    private static async Task<View> ViewAsync(HttpClient http, string id)
    {
        var json = await JsonAsync(await http.GetAsync($"/api/referrals/{id}"), HttpStatusCode.OK);
        var timeline = json.GetProperty("timeline").EnumerateArray().ToList();
        return new View(
            json,
            [.. timeline.Select(t => t.GetProperty("kind").GetString()!)],
            [.. timeline.Select(t => t.GetProperty("text").GetString()!)],
            [.. json.GetProperty("scheduled").EnumerateArray().Select(s => s.GetProperty("kind").GetString()!)]);
    }

    private static Task WaitForStageAsync(HttpClient http, string id, string stage) =>
        Eventually(async () => (await ViewAsync(http, id)).Json.GetProperty("stage").GetString() == stage, $"referral {id} to reach {stage}");

    private static async Task<DateTimeOffset> ClockAsync(HttpClient http) =>
        (await JsonAsync(await http.GetAsync("/dev/clock"), HttpStatusCode.OK)).GetProperty("now").GetDateTimeOffset();

    private static async Task AdvanceToAsync(HttpClient http, DateTimeOffset to) =>
        await JsonAsync(await http.PostAsync("/dev/clock/advance?to=" + Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture)), null), HttpStatusCode.OK);

    private static async Task AdvanceAsync(HttpClient http, double days) =>
        await JsonAsync(await http.PostAsync(string.Create(CultureInfo.InvariantCulture, $"/dev/clock/advance?days={days}"), null), HttpStatusCode.OK);

    private static async Task<string> CreateMentorAsync(
        HttpClient http, string name, string email, string postcodeDistrict, DateOnly? dbsExpires, string[]? interests = null, string[]? experiences = null)
    {
        var body = new JsonObject
        {
            ["schemeId"] = Fostering,
            ["name"] = name,
            ["email"] = email,
            ["capacity"] = 2,
            ["dbsCheckExpires"] = dbsExpires?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["trainingCompleted"] = true,
            ["postcodeDistrict"] = postcodeDistrict,
            ["availability"] = new JsonArray("evenings", "weekends"),
            ["interests"] = new JsonArray([.. (interests ?? ["outdoors", "cooking"]).Select(i => JsonValue.Create(i))]),
            ["experiences"] = new JsonArray([.. (experiences ?? ["teenagers"]).Select(e => JsonValue.Create(e))]),
            ["languages"] = new JsonArray("English"),
        };
        var created = await JsonAsync(await http.PostAsync("/api/mentors", Json(body)), HttpStatusCode.Created);
        return created.GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> MentorAsync(HttpClient http, string mentorId) =>
        Assert.Single((await http.GetFromJsonAsync<JsonElement>("/api/mentors")).EnumerateArray(), m => m.GetProperty("id").GetString() == mentorId);

    private static async Task<JsonElement> ReferAsync(HttpClient http, string scheme, string name, string email, bool professional)
    {
        var body = new JsonObject
        {
            ["schemeId"] = scheme,
            ["kind"] = professional ? "Professional" : "Self",
            ["consent"] = true,
            ["name"] = name,
            ["email"] = email,
            ["postcodeDistrict"] = "EX2",
            ["reasonForReferral"] = "Newly approved and would value support.",
        };
        if (professional)
        {
            body["referrerName"] = "Pat Social";
            body["referrerEmail"] = Referrer;
            body["referrerOrganisation"] = "Devon Children's Services";
            body["referrerSector"] = "SocialWorker";
        }

        return await JsonAsync(await http.PostAsync("/api/referrals", Json(body)), HttpStatusCode.Accepted);
    }

    private static async Task AssessSuitableAsync(HttpClient http, string id)
    {
        var body = new JsonObject
        {
            ["outcome"] = "suitable",
            ["profile"] = new JsonObject
            {
                ["postcodeDistrict"] = "EX4",
                ["availability"] = new JsonArray("evenings"),
                ["interests"] = new JsonArray("outdoors"),
                ["experiences"] = new JsonArray("teenagers"),
                ["languages"] = new JsonArray("English"),
            },
        };
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/referrals/{id}/assessment", Json(body))).StatusCode);
    }
}
