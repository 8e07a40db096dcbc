using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using PeerFlow.Domain.Calendar;
using PeerFlow.Domain.Records;
using PeerFlow.Web.Tests.Api;
using static PeerFlow.Web.Tests.Api.ApiAssert;
using static PeerFlow.Web.Tests.Casework.CaseworkHttp;
using static PeerFlow.Web.Tests.Pages.PageForms;

namespace PeerFlow.Web.Tests.Casework;

/// <summary>Coordinators log contacts that happened earlier (phone, visit, message, email, meeting), and notes on steps.</summary>
public class ContactLogTests
{
    [Fact]
    public async Task TheApi_LogsAContactAtAPastUkTime_OrAnOffsetTime_RefusesTheFuture_AndListsThemNewestFirst()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var tom = await ReferAsync(http, Fostering, "Tom Okafor", "tom.okafor@example.com", null, "EX4");

        // A morning in British Summer Time, typed as the clock on the wall read.
        var now = Now(app);
        var summer = Enumerable.Range(10, 350).Select(d => now.AddDays(-d).Date).First(d => UkTime.London.IsDaylightSavingTime(d.AddHours(12)));
        var local = summer.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T10:30";
        var logged = await JsonAsync(await http.PostAsync($"/api/referrals/{tom.Id}/contacts", Json(new JsonObject
        {
            ["kind"] = "phone", ["at"] = local, ["who"] = "Sam Patel", ["note"] = "Spoke to Tom's mum; call back on Friday.",
        })), HttpStatusCode.Created);
        Assert.Equal(DateTime.SpecifyKind(summer.AddHours(9).AddMinutes(30), DateTimeKind.Utc), logged.GetProperty("at").GetDateTime().ToUniversalTime());
        Assert.Equal("Phone", logged.GetProperty("contact").GetString());

        var offset = now.AddDays(-2).ToString("yyyy-MM-dd'T'12:00:00'+02:00'", CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync($"/api/referrals/{tom.Id}/contacts", Json(new JsonObject { ["kind"] = "Visit", ["at"] = offset }))).StatusCode);

        // Bad input: problem details naming each field, and nothing stored.
        var tomorrow = now.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        await ValidationProblemAsync(await http.PostAsync($"/api/referrals/{tom.Id}/contacts", Json(new JsonObject { ["kind"] = "phone", ["at"] = tomorrow })), "at");
        await ValidationProblemAsync(await http.PostAsync($"/api/referrals/{tom.Id}/contacts", Json(new JsonObject { ["kind"] = "fax", ["at"] = "last Tuesday" })), "kind", "at");
        await ValidationProblemAsync(await http.PostAsync($"/api/referrals/{tom.Id}/contacts", Json(new JsonObject { ["kind"] = "1" })), "kind");
        await ValidationProblemAsync(await http.PostAsync($"/api/referrals/{tom.Id}/contacts", Json(new JsonObject { ["kind"] = "email", ["note"] = new string('x', 2001) })), "note");
        await ProblemAsync(await http.PostAsync("/api/referrals/rdoesnotexist000/contacts", Json(new JsonObject { ["kind"] = "phone" })), HttpStatusCode.NotFound);

        var log = await JsonAsync(await http.GetAsync($"/api/referrals/{tom.Id}/contacts"), HttpStatusCode.OK);
        Assert.Equal(["Visit", "Phone"], log.EnumerateArray().Select(n => n.GetProperty("contact").GetString()));
        Assert.Equal(ApiApp.StaffName, log[0].GetProperty("who").GetString());

        // The earliest contact is the referral's first contact.
        Assert.Equal(DateTime.SpecifyKind(summer.AddHours(9).AddMinutes(30), DateTimeKind.Utc), (await app.Store.Referrals.GetAsync(tom.Id, "", default))!.Value.FirstContactAt);

        // On the page: the contact log, with the note.
        var page = await GetHtmlAsync(http, $"/referrals/{tom.Id}");
        Assert.Contains("Phone call</strong>, by Sam Patel", page, StringComparison.Ordinal);
        Assert.Contains("Spoke to Tom&#x27;s mum; call back on Friday.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePage_LogsAContactWithAPastDateAndTime_AndShowsTheFormAgainForAFutureOne()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var tom = await ReferAsync(http, Fostering, "Tom Okafor", "tom.okafor@example.com", null, "EX4");
        var page = await GetHtmlAsync(http, $"/referrals/{tom.Id}");
        var yesterday = Now(app).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var done = await PostAsync(http, $"/referrals/{tom.Id}?handler=LogContact", page,
            [new("Contact.Kind", "Visit"), new("Contact.Date", yesterday), new("Contact.Time", "14:15"), new("Contact.Note", "Home visit with the family.")]);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal($"/referrals/{tom.Id}?done=log-contact#main", done.Headers.Location?.OriginalString);
        var after = await GetHtmlAsync(http, done.Headers.Location!.OriginalString);
        Assert.Contains("Contact logged.", after, StringComparison.Ordinal);
        Assert.Contains("Home visit with the family.", after, StringComparison.Ordinal);

        var nextYear = Now(app).AddDays(400).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var refused = await HtmlAsync(await PostAsync(http, $"/referrals/{tom.Id}?handler=LogContact", page,
            [new("Contact.Kind", "Phone"), new("Contact.Date", nextYear), new("Contact.Time", "09:00"), new("Contact.Note", "Typed in the wrong year")]), HttpStatusCode.OK);
        Assert.Contains("A contact cannot be in the future.", refused, StringComparison.Ordinal);
        Assert.Contains("Typed in the wrong year", refused, StringComparison.Ordinal); // nothing typed is lost

        var noTime = await HtmlAsync(await PostAsync(http, $"/referrals/{tom.Id}?handler=LogContact", page, [new("Contact.Kind", "Phone"), new("Contact.Date", yesterday)]), HttpStatusCode.OK);
        Assert.Contains("Enter both the date and the time", noTime, StringComparison.Ordinal);

        Assert.Single(await app.Store.CaseNotes.PartitionAsync(tom.Id, default));

        // The closure form takes a note too, kept in the same log.
        var closed = await PostAsync(http, $"/referrals/{tom.Id}?handler=Closure", page, [new("Closure.Reason", "no-contact"), new("Closure.Note", "Three calls and a letter, no answer.")]);
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var closure = Assert.Single(await app.Store.CaseNotes.PartitionAsync(tom.Id, default), n => n.Value.About == "closure").Value;
        Assert.Equal("Three calls and a letter, no answer.", closure.Text);
        Assert.Null(closure.Contact);
        Assert.Contains("Note on the closure", await GetHtmlAsync(http, $"/referrals/{tom.Id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotesOnTheAssessment_AndRevisedNeeds_AreKept_AndTheShortlistUsesTheRevisedNeeds()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var rosa = await MentorAsync(http, "Rosa Martin", "rosa.martin@example.org", "EX4");
        var owen = await MentorAsync(http, "Owen Price", "owen.price@example.org", "TQ12");
        var tom = await ReferAsync(http, Fostering, "Tom Okafor", "tom.okafor@example.com", null, "EX4");

        // Needs are revised once assessed as suitable, not before.
        await ProblemAsync(await http.PutAsync($"/api/referrals/{tom.Id}/needs", Json(new JsonObject { ["profile"] = new JsonObject { ["postcodeDistrict"] = "TQ12" } })), HttpStatusCode.Conflict);

        await AssessSuitableAsync(http, tom.Id, "EX4", note: "Keen to meet in the evenings after work.");
        await WaitForStageAsync(app, tom.Id, ReferralStage.Matching);
        var before = await JsonAsync(await http.GetAsync($"/api/referrals/{tom.Id}/shortlist"), HttpStatusCode.OK);
        Assert.Equal([rosa], before.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("mentorId").GetString()));

        // The family moved: the needs are revised, and the shortlist follows them.
        await ValidationProblemAsync(await http.PutAsync($"/api/referrals/{tom.Id}/needs", Json(new JsonObject { ["profile"] = new JsonObject { ["postcodeDistrict"] = "Newton Abbot" } })), "profile.postcodeDistrict");
        await JsonAsync(await http.PutAsync($"/api/referrals/{tom.Id}/needs", Json(new JsonObject
        {
            ["profile"] = new JsonObject { ["postcodeDistrict"] = "TQ12", ["availability"] = new JsonArray("weekday-evening") },
            ["note"] = "Moved to Newton Abbot in the spring.",
        })), HttpStatusCode.OK);
        var after = await JsonAsync(await http.GetAsync($"/api/referrals/{tom.Id}/shortlist"), HttpStatusCode.OK);
        Assert.Equal([owen], after.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("mentorId").GetString()));
        Assert.Contains(rosa, after.GetProperty("excluded").EnumerateArray().Select(c => c.GetProperty("mentorId").GetString()));

        // On the page: the needs as revised, the notes in the contact log, and the shortlist drawn from them.
        var page = await GetHtmlAsync(http, $"/referrals/{tom.Id}");
        Assert.Contains("Needs gathered at assessment", page, StringComparison.Ordinal);
        Assert.Contains("<dt>Postcode district</dt><dd>TQ12</dd>", page, StringComparison.Ordinal);
        Assert.Contains("Note on the assessment", page, StringComparison.Ordinal);
        Assert.Contains("Keen to meet in the evenings after work.", page, StringComparison.Ordinal);
        Assert.Contains("Moved to Newton Abbot in the spring.", page, StringComparison.Ordinal);
        Assert.Contains("Propose Owen Price", page, StringComparison.Ordinal);

        // And through the page's own form, back to Exeter.
        var revised = await PostAsync(http, $"/referrals/{tom.Id}?handler=Needs", page,
            [new("Needs.PostcodeDistrict", "ex4"), new("Needs.Availability", "weekday-evening"), new("Needs.MeetsInPerson", "yes"), new("Needs.Note", "Moved back.")]);
        Assert.Equal(HttpStatusCode.Redirect, revised.StatusCode);
        Assert.Contains("Propose Rosa Martin", await GetHtmlAsync(http, $"/referrals/{tom.Id}"), StringComparison.Ordinal);
        var notes = (await app.Store.CaseNotes.PartitionAsync(tom.Id, default)).Select(n => n.Value.About).ToList();
        Assert.Equal(["assessment", "needs", "needs"], notes.Order(StringComparer.Ordinal));
    }
}
