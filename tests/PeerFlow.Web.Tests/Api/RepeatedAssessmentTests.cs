using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using PeerFlow.Orchestrations;
using PeerFlow.Orchestrations.Activities;
using static PeerFlow.Web.Tests.Api.ApiAssert;

namespace PeerFlow.Web.Tests.Api;

/// <summary>
/// An assessment posted again (a page that timed out and was sent again) while the first still waits for the workflow
/// is refused with 409 and changes nothing, rather than answered 202, written on the timeline and then set aside.
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
    }

    private const string Suitable = """
        {"outcome":"suitable","profile":{"postcodeDistrict":"EX1","availability":["evenings"],"interests":["walking"],"experiences":["teenagers"],"languages":["English"]}}
        """;

    private static async Task<List<PeerFlow.Domain.Records.TimelineEntry>> AssessmentLinesAsync(ApiApp app, string id) =>
        [.. (await app.Store.Timeline.PartitionAsync(id, CancellationToken.None)).Select(t => t.Value).Where(t => t.Kind == "assessment")];
}
