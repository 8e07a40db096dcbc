using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerFlow.Domain.Email;
using PeerFlow.Domain.Links;
using PeerFlow.Domain.Records;
using PeerFlow.Web.Tests.Api;
using static PeerFlow.Web.Tests.Api.ApiAssert;
using static PeerFlow.Web.Tests.Pages.PageForms;

namespace PeerFlow.Web.Tests.Pages;

/// <summary>Erasing a referral on request, with the real worker: its workflow, its history and every record go; the audit trail stays.</summary>
public class ErasureTests
{
    [Fact]
    public async Task ErasingAMatchedReferral_RemovesEverythingAboutIt_GivesTheMentorsPlaceBack_AndKeepsTheAuditTrail()
    {
        await using var app = new ApiApp { EasyAuth = false };
        using var http = Browser(app);
        var mentor = await MentorAsync(http);
        var id = (await JsonAsync(await http.PostAsync("/api/referrals", Json(new JsonObject
        {
            ["schemeId"] = "foster-mentoring", ["kind"] = "Self", ["consent"] = true, ["name"] = "Jamie Fox", ["email"] = "jamie.fox@example.com", ["postcodeDistrict"] = "EX4",
        })), HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/referrals/{id}/assessment", Json(new JsonObject
        {
            ["outcome"] = "suitable", ["profile"] = new JsonObject { ["postcodeDistrict"] = "EX4", ["availability"] = new JsonArray("weekday-evening") },
        }))).StatusCode);
        await Eventually(async () => (await app.Store.Referrals.GetAsync(id, "", default))!.Value.Stage == ReferralStage.Matching, "matching");
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync($"/api/referrals/{id}/matches", Json(new JsonObject { ["mentorId"] = mentor }))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/referrals/{id}/safeguarding", Json(new JsonObject { ["details"] = "A worry about the home." }))).StatusCode);
        Assert.Equal(1, (await app.Store.Mentors.GetAsync("mentor", mentor, default))!.Value.ActiveMatches);
        var reference = (await app.Store.Referrals.GetAsync(id, "", default))!.Value.Reference;

        // What else was kept about them: the send records of the emails about the referral, a used link, the
        // captured acknowledgement to Jamie (and staff mail about the referral, found by its key).
        var sends = app.Services.GetRequiredService<EmailSendLog>();
        var links = app.Services.GetRequiredService<SignedLinks>();
        await app.SettleAsync();
        var keys = await sends.KeysForReferralAsync(id, default);
        Assert.NotEmpty(keys);
        Assert.Contains(await app.Mail.ListAsync(), m => m.To.Contains("jamie.fox@example.com"));
        var link = links.Create(LinkAction.LogCheckIn, id, "match-1", TimeSpan.FromDays(7));
        Assert.Equal(LinkOutcome.Valid, (await links.ConsumeAsync(link, LinkAction.LogCheckIn)).Outcome);
        var usedLinks = app.Services.GetRequiredService<PeerFlow.Web.Hosting.StorageClients>().Tables.GetTableClient(app.TaskHub + "UsedLinks");
        Assert.NotEqual(0, await RowsAsync(usedLinks, id));
        var page = await GetHtmlAsync(http, $"/referrals/{id}");

        // The wrong reference erases nothing.
        var refused = await HtmlAsync(await PostAsync(http, $"/referrals/{id}/erase", page, [new("Erase.Reference", "FCM-1999-0001")]), HttpStatusCode.OK);
        Assert.Contains($"Type the reference, {reference}, to confirm the erasure.", refused, StringComparison.Ordinal);
        Assert.NotNull(await app.Store.People.GetAsync(id, nameof(PersonRole.Mentee), default));

        var erased = await PostAsync(http, $"/referrals/{id}/erase", page, [new("Erase.Reference", reference.ToLowerInvariant())]);

        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);
        Assert.Equal($"/referrals?erased={reference}", erased.Headers.Location?.OriginalString);
        Assert.Contains($"Referral {reference} has been erased.", await GetHtmlAsync(http, erased.Headers.Location!.OriginalString), StringComparison.Ordinal);
        Assert.Null(await app.Store.Referrals.GetAsync(id, "", default));
        Assert.Empty(await app.Store.People.PartitionAsync(id, default));
        Assert.Empty(await app.Store.Matches.PartitionAsync(id, default));
        Assert.Empty(await app.Store.Timeline.PartitionAsync(id, default));
        Assert.Empty(await app.Store.Concerns.PartitionAsync(id, default));
        Assert.Null(await app.Workflows.GetStatusAsync(id));
        Assert.Equal(0, (await app.Store.Mentors.GetAsync("mentor", mentor, default))!.Value.ActiveMatches);
        Assert.Empty(await sends.KeysForReferralAsync(id, default));
        foreach (var key in keys)
        {
            Assert.Null(await sends.GetAsync(key, default));
        }

        Assert.Equal(0, await RowsAsync(usedLinks, id));
        var mail = await app.Mail.ListAsync();
        Assert.DoesNotContain(mail, m => m.To.Contains("jamie.fox@example.com") || keys.Contains(m.IdempotencyKey ?? ""));
        var audit = (await app.Store.Audit.PartitionAsync(id, default)).Select(a => a.Value).ToList();
        Assert.Contains(audit, a => a.Action == "erased the referral" && a.Actor == "local-developer"); // standalone: nobody signs in
        Assert.DoesNotContain(audit, a => a.Action.Contains("Jamie", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/referrals/{id}")).StatusCode);

        // Through the API, an erased referral is simply not there any more.
        Assert.Equal(HttpStatusCode.NotFound, (await http.DeleteAsync($"/api/referrals/{id}?confirm={reference}")).StatusCode);
    }

    private static async Task<int> RowsAsync(Azure.Data.Tables.TableClient table, string referralId)
    {
        var rows = 0;
        await foreach (var _ in table.QueryAsync<Azure.Data.Tables.TableEntity>($"ReferralId eq '{referralId}'"))
        {
            rows++;
        }

        return rows;
    }

    private static async Task<string> MentorAsync(HttpClient http) =>
        (await JsonAsync(await http.PostAsync("/api/mentors", Json(new JsonObject
        {
            ["schemeId"] = "foster-mentoring", ["name"] = "Rosa Martin", ["email"] = "rosa.martin@example.org", ["capacity"] = 2,
            ["dbsCheckExpires"] = DateTime.UtcNow.AddYears(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["trainingCompleted"] = true,
            ["postcodeDistrict"] = "EX4", ["availability"] = new JsonArray("weekday-evening"),
        })), HttpStatusCode.Created)).GetProperty("id").GetString()!;
}
