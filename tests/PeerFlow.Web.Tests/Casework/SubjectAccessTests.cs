using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerFlow.Domain.Links;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Storage;
using PeerFlow.Domain.Workflow;
using PeerFlow.Web.Actions;
using PeerFlow.Web.SignIn;
using PeerFlow.Web.Tests.Api;
using static PeerFlow.Web.Tests.Api.ApiAssert;
using static PeerFlow.Web.Tests.Casework.CaseworkHttp;
using static PeerFlow.Web.Tests.Pages.PageForms;

namespace PeerFlow.Web.Tests.Casework;

/// <summary>
/// The subject-access export holds every kind of record erasure removes: both read the one list
/// (<see cref="ReferralRecords.Kinds"/>), and this test walks that list, so a kind added to it is checked here too.
/// </summary>
public class SubjectAccessTests
{
    [Fact]
    public async Task TheExport_HoldsEveryKindOfRecordErasureRemoves_AndErasureLeavesNoneOfThem()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var mentor = await MentorAsync(http, "Rosa Martin", "rosa.martin@example.org", "EX4");
        var other = await ReferAsync(http, PeerLink, "Jamie Fox", "jamie.fox@example.com", "07700 900555", "EX4");
        // Another address, the same phone: linked as possibly the same person, and each acknowledged (one a day an address).
        var (id, reference, _) = await ReferAsync(http, Fostering, "Jamie Fox", "jamie.f@example.com", "07700 900555", "EX4");
        await AssessSuitableAsync(http, id, "EX4");
        await WaitForStageAsync(app, id, ReferralStage.Matching);
        // Proposed over capacity, with a reason: an override, listed for managers.
        await app.Store.Mentors.UpdateAsync("mentor", mentor, m => m with { ActiveMatches = m.Capacity }, Domain.Referrals.MatchProposals.MentorColumns, default);
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync($"/api/referrals/{id}/matches", Json(new JsonObject { ["mentorId"] = mentor, ["overrideReason"] = "Jamie asked for Rosa" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/referrals/{id}/safeguarding", Json(new JsonObject { ["details"] = "A worry about the home." }))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync($"/api/referrals/{id}/contacts", Json(new JsonObject { ["kind"] = "phone", ["note"] = "Spoke to Jamie." }))).StatusCode);
        var links = app.Services.GetRequiredService<SignedLinks>();
        Assert.Equal(LinkOutcome.Valid, (await links.ConsumeAsync(links.Create(LinkAction.LogCheckIn, id, "match-1", TimeSpan.FromDays(7)), LinkAction.LogCheckIn)).Outcome);

        // Kinds no step of this referral's life has written yet are written as their own code writes them.
        var now = Now(app);
        await app.Store.CheckIns.UpsertAsync(id, PeerFlowStore.NewestFirstKey(now), new CheckIn { Id = "c1", ReferralId = id, MatchId = "m1", At = now, Rag = RagStatus.Green, Notes = "Going well." }, null, default);
        await app.Store.Feedback.UpsertAsync(id, "mentee", new Feedback { ReferralId = id, From = "mentee", At = now, Helpfulness = 5, Comments = "Thank you." }, null, default);
        await app.Store.OutcomeAnswers.UpsertAsync(id, "start", new OutcomeAnswers { ReferralId = id, Moment = "start", At = now, Scores = new Dictionary<string, int> { ["coping"] = 2 } }, null, default);
        await app.Store.Starts.UpsertAsync(PendingStart.Partition, id, new PendingStart { ReferralId = id, MarkedAt = now }, null, default);
        await app.Store.Stopped.UpsertAsync(StoppedWorkflow.Partition, id, new StoppedWorkflow { ReferralId = id, Reference = reference, SchemeId = Fostering, Status = "Failed" }, null, default);
        await ClosureMonths.RecordAsync(app.Store, id, Fostering, now, default);
        await app.Store.Digest.HoldAsync(new Domain.Notices.DigestItem(Fostering, id, reference, "CheckInOverdue", "Check-in overdue", now, Domain.Notices.DigestReason.Chosen), $"{id}:0:9", default);
        // Equality monitoring answers, kept with the person's details (their scheme asks them).
        await app.Store.People.UpdateAsync(id, nameof(PersonRole.Mentee), p => p with { Equalities = new Equalities { EthnicGroup = EthnicGroup.Mixed, Disability = Disability.Yes } }, null, default);
        await app.SettleAsync();

        using var export = JsonDocument.Parse(await (await http.GetAsync($"/api/referrals/{id}/export")).Content.ReadAsStringAsync());
        var sections = export.RootElement.GetProperty("sections").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("records").GetArrayLength());
        await using var scope = app.Services.CreateAsyncScope();
        var records = scope.ServiceProvider.GetRequiredService<ReferralRecords>();
        foreach (var kind in records.Kinds)
        {
            Assert.True(sections.TryGetValue(kind.Name, out var count) && count > 0, $"The export has no {kind.Name}.");
        }

        Assert.Contains("jamie.f@example.com", export.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("\"ethnicGroup\": \"Mixed\"", export.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.Contains(export.RootElement.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("name").GetString() == SubjectAccess.AuditSection)
            .GetProperty("records").EnumerateArray(), a => a.GetProperty("action").GetString()!.Contains("subject access", StringComparison.Ordinal));

        // The page shows the same, for a manager to read and print; it names the linked referral to export on its own.
        var page = await GetHtmlAsync(http, $"/referrals/{id}/export");
        Assert.Contains($"Everything held on referral {reference}", page, StringComparison.Ordinal);
        Assert.Contains("jamie.f@example.com", page, StringComparison.Ordinal);
        Assert.Contains($"/referrals/{other.Id}/export", page, StringComparison.Ordinal);
        Assert.Contains($"/referrals/{id}/export", await GetHtmlAsync(http, $"/referrals/{id}"), StringComparison.Ordinal);

        var referral = (await app.Store.Referrals.GetAsync(id, "", default))!.Value;
        var before = await records.ScopeAsync(referral, default);
        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync($"/api/referrals/{id}?confirm={reference}")).StatusCode);

        // What erasure was given to find things by (the people, the emails' keys) is read before it ran.
        foreach (var kind in records.Kinds)
        {
            Assert.True((await kind.ReadAsync(before, default)).Count == 0, $"Erasure left {kind.Name}.");
        }

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/referrals/{id}/export")).StatusCode);
    }

    [Fact]
    public async Task OnlyManagersMayExport()
    {
        await using var app = new ApiApp { Roles = [StaffRoles.Coordinator] };
        using var http = Browser(app);
        var (id, _, _) = await ReferAsync(http, Fostering, "Sam Lee", "sam.lee@example.com", null, "EX4");

        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync($"/api/referrals/{id}/export")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync($"/referrals/{id}/export")).StatusCode);
        Assert.DoesNotContain($"/referrals/{id}/export", await GetHtmlAsync(http, $"/referrals/{id}"), StringComparison.Ordinal);
        Assert.DoesNotContain((await app.Store.Audit.QueryAsync($"PartitionKey eq {id}", default)).Select(a => a.Value.Action), a => a.Contains("subject access", StringComparison.Ordinal));
    }
}
