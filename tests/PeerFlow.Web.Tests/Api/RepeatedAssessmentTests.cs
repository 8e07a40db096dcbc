using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using PeerFlow.Orchestrations;
using PeerFlow.Orchestrations.Activities;
using static PeerFlow.Web.Tests.Api.ApiAssert;

namespace PeerFlow.Web.Tests.Api;

/// <summary>
/// An assessment posted again (a page that timed out and was sent again) while the first still waits for the workflow
/// is refused with 409 and changes nothing, rather than answered 202, written on the timeline and then set aside. A
/// step sent again after its first post failed part-way (assessment, closure, breakdown) is acted on and says so once.
/// </summary>
public sealed class RepeatedAssessmentTests
{
    [Fact]
    public async Task ASecondAssessmentBeforeTheWorkflowHasTakenTheFirst_IsRefused_AndNothingIsWritten()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        var id = await Referred.AwaitingAssessmentAsync(app, http, "Ali Stone", "ali.stone@example.com");

        // The first assessment as its post left it, with the workflow not yet told (its host stopped before ringing).
        await app.Store.Inbox.PostAsync(
            id, LifecycleEvents.AssessmentRecorded, TakeSignal.Serialize(new Signal { Outcome = "Suitable" }),
            app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, CancellationToken.None);
        var timelineBefore = (await app.Store.Timeline.PartitionAsync(id, CancellationToken.None)).Count;

        var second = await http.PostAsync($"/api/referrals/{id}/assessment", Json("""{"outcome":"withdrawn"}"""));
        var problem = await JsonAsync(second, HttpStatusCode.Conflict);
        Assert.Contains("recorded a moment ago", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(timelineBefore, (await app.Store.Timeline.PartitionAsync(id, CancellationToken.None)).Count);
        Assert.Null((await app.Store.Referrals.GetAsync(id, "", CancellationToken.None))!.Value.Outcome);
        Assert.Single(await app.Store.Inbox.ListAsync(id, CancellationToken.None), s => s.Name == LifecycleEvents.AssessmentRecorded);
    }

    /// <summary>
    /// A post that failed part-way, after its timeline line and before its signal (a crash run saw it, a host killed),
    /// is sent again: the second must go through, since the workflow was never told, and the timeline must not say so
    /// twice.
    /// </summary>
    [Fact]
    public async Task AnAssessmentSentAgainAfterItsFirstPostFailedBeforeTheWorkflowWasTold_IsActedOn_WithOneTimelineLine()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        var id = await Referred.AwaitingAssessmentAsync(app, http, "Ali Stone", "ali.stone@example.com");
        var audit = new TableServiceClient(Environment.GetEnvironmentVariable("PEERFLOW_STORAGE")).GetTableClient(app.TaskHub + "Audit");

        // The audit line comes after the timeline's and before the signal: without its table, the post stops there.
        await audit.DeleteAsync();
        var failed = await http.PostAsync($"/api/referrals/{id}/assessment", Json(Suitable));
        Assert.True((int)failed.StatusCode >= 500, $"{(int)failed.StatusCode}: {await failed.Content.ReadAsStringAsync()}");
        Assert.Single(await AssessmentLinesAsync(app, id));
        Assert.DoesNotContain(await app.Store.Inbox.ListAsync(id, CancellationToken.None), s => s.Name == LifecycleEvents.AssessmentRecorded);

        await audit.CreateIfNotExistsAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/referrals/{id}/assessment", Json(Suitable))).StatusCode);
        await app.SettleAsync();

        Assert.Equal(PeerFlow.Domain.Records.ReferralStage.Matching, (await app.Store.Referrals.GetAsync(id, "", CancellationToken.None))!.Value.Stage);
        Assert.Equal("Assessment recorded: Suitable", Assert.Single(await AssessmentLinesAsync(app, id)).Text);
        Assert.Equal("Spoke to Ali on the phone.", Assert.Single(await NotesAsync(app, id, "assessment")).Text);
    }

    /// <summary>
    /// The first post came before the workflow had written the assessment deadline (a backlog after a crash), and
    /// failed part-way; the second comes after: still one line, under the deadline the workflow wrote.
    /// </summary>
    [Fact]
    public async Task AnAssessmentSentBeforeTheWorkflowWroteItsDeadline_AndAgainAfter_SaysSoOnce()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        var id = await Referred.AwaitingAssessmentAsync(app, http, "Ali Stone", "ali.stone@example.com");
        var due = (await app.Store.Referrals.GetAsync(id, "", CancellationToken.None))!.Value.AssessmentDueAt!.Value;
        var columns = PeerFlow.Domain.Referrals.MatchProposals.ReferralColumns;
        await app.Store.Referrals.UpdateAsync(id, "", r => r with { AssessmentDueAt = null }, columns, CancellationToken.None);
        var audit = new TableServiceClient(Environment.GetEnvironmentVariable("PEERFLOW_STORAGE")).GetTableClient(app.TaskHub + "Audit");

        await audit.DeleteAsync();
        Assert.True((int)(await http.PostAsync($"/api/referrals/{id}/assessment", Json(Suitable))).StatusCode >= 500);
        await app.Store.Referrals.UpdateAsync(id, "", r => r with { AssessmentDueAt = due }, columns, CancellationToken.None);
        await audit.CreateIfNotExistsAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/referrals/{id}/assessment", Json(Suitable))).StatusCode);

        var line = Assert.Single(await app.Store.Timeline.PartitionAsync(id, CancellationToken.None), t => t.Value.Kind == "assessment");
        Assert.Equal("assessment-" + PeerFlow.Domain.Storage.PeerFlowStore.Key(due), line.RowKey);
        Assert.Single(await NotesAsync(app, id, "assessment"));
    }

    /// <summary>
    /// The same for a closure: its first post stored the request, its reason and note and then failed before the
    /// workflow was told; the second is acted on (the request still stands) and says each thing once.
    /// </summary>
    [Fact]
    public async Task AClosureSentAgainAfterItsFirstPostFailedBeforeTheWorkflowWasTold_IsActedOn_WithOneReasonAndOneNote()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        var id = await Referred.AwaitingAssessmentAsync(app, http, "Ali Stone", "ali.stone@example.com");
        var audit = new TableServiceClient(Environment.GetEnvironmentVariable("PEERFLOW_STORAGE")).GetTableClient(app.TaskHub + "Audit");
        const string Closure = """{"reason":"The family moved out of the area","note":"Told the social worker."}""";

        await audit.DeleteAsync();
        var failed = await http.PostAsync($"/api/referrals/{id}/closure", Json(Closure));
        Assert.True((int)failed.StatusCode >= 500, $"{(int)failed.StatusCode}: {await failed.Content.ReadAsStringAsync()}");
        Assert.Single(await NotesAsync(app, id, "closure"));

        await audit.CreateIfNotExistsAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/referrals/{id}/closure", Json(Closure))).StatusCode);
        await app.SettleAsync();

        Assert.Equal(PeerFlow.Domain.Records.ReferralStage.Closed, (await app.Store.Referrals.GetAsync(id, "", CancellationToken.None))!.Value.Stage);
        var reasons = (await app.Store.Timeline.PartitionAsync(id, CancellationToken.None)).Select(t => t.Value).Where(t => t.Kind == "closure-note");
        Assert.Equal("Reason for closing: The family moved out of the area", Assert.Single(reasons).Text);
        Assert.Equal("Told the social worker.", Assert.Single(await NotesAsync(app, id, "closure")).Text);
    }

    private const string Suitable = """
        {"outcome":"suitable","note":"Spoke to Ali on the phone.","profile":{"postcodeDistrict":"EX1","availability":["evenings"],"interests":["walking"],"experiences":["teenagers"],"languages":["English"]}}
        """;

    /// <summary>A breakdown sent again after its first post failed part-way: one line and one note for the match.</summary>
    [Fact]
    public async Task ABreakdownSentAgainAfterItsFirstPostFailedPartWay_SaysSoOnce()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        var id = await Referred.AwaitingAssessmentAsync(app, http, "Ali Stone", "ali.stone@example.com");
        // The record as a match leaves it: the breakdown's rules read the record, and its line and note are written
        // before the workflow is told.
        await app.Store.Referrals.UpdateAsync(
            id, "", r => r with { Stage = PeerFlow.Domain.Records.ReferralStage.Active, CurrentMatchId = "m1" }, PeerFlow.Domain.Referrals.MatchProposals.ReferralColumns, CancellationToken.None);
        var audit = new TableServiceClient(Environment.GetEnvironmentVariable("PEERFLOW_STORAGE")).GetTableClient(app.TaskHub + "Audit");
        const string Breakdown = """{"reason":"They could not find a time to meet","note":"Both asked to stop."}""";

        await audit.DeleteAsync();
        Assert.True((int)(await http.PostAsync($"/api/referrals/{id}/breakdown", Json(Breakdown))).StatusCode >= 500);
        await audit.CreateIfNotExistsAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/referrals/{id}/breakdown", Json(Breakdown))).StatusCode);

        var lines = (await app.Store.Timeline.PartitionAsync(id, CancellationToken.None)).Select(t => t.Value).Where(t => t.Kind == "breakdown");
        Assert.Equal("Match breakdown reported: They could not find a time to meet", Assert.Single(lines).Text);
        Assert.Equal("Both asked to stop.", Assert.Single(await NotesAsync(app, id, "breakdown")).Text);
    }

    private static async Task<List<PeerFlow.Domain.Records.CaseNote>> NotesAsync(ApiApp app, string id, string about) =>
        [.. (await app.Store.CaseNotes.PartitionAsync(id, CancellationToken.None)).Select(n => n.Value).Where(n => n.About == about)];

    private static async Task<List<PeerFlow.Domain.Records.TimelineEntry>> AssessmentLinesAsync(ApiApp app, string id) =>
        [.. (await app.Store.Timeline.PartitionAsync(id, CancellationToken.None)).Select(t => t.Value).Where(t => t.Kind == "assessment")];
}
