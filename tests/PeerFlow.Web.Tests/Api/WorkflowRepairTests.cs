using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using PeerFlow.Domain.Email;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Workflow;
using PeerFlow.Orchestrations;
using PeerFlow.Orchestrations.Starts;
using static PeerFlow.Web.Tests.Api.ApiAssert;

namespace PeerFlow.Web.Tests.Api;

/// <summary>
/// No referral without its workflow (issue 17.2) and a repair path from the records (17.1), on Azurite through the
/// local host: the sweeper runs as it does in <c>./peerflow run</c>, every 30 seconds.
/// </summary>
public class WorkflowRepairTests
{
    /// <summary>A sweep comes every 30 s; one more for a busy machine.</summary>
    private static readonly TimeSpan SweepWait = TimeSpan.FromSeconds(90);

    private const string Email = "robin.ash@example.org";

    [Fact]
    public async Task AReferralStoredWithoutItsWorkflow_IsStartedByTheSweeper_Once()
    {
        await using var app = new ApiApp { EasyAuth = false };
        using var http = app.CreateClient();
        var workflows = app.Services.GetRequiredService<DurableTaskClient>();

        // What a crash between storing the referral and starting its workflow leaves behind.
        var id = "r" + Guid.NewGuid().ToString("N")[..16];
        var referral = await app.Services.GetRequiredService<ReferralIntake>().StoreAsync(id, Submission(), CancellationToken.None);
        Assert.Null(await workflows.GetInstanceAsync(id));
        Assert.NotNull(await app.Store.Starts.GetAsync(PendingStart.Partition, id, CancellationToken.None));

        // Past the grace a start under way is given, the sweeper's next round starts it.
        await JsonAsync(await http.PostAsync("/dev/clock/advance?hours=1", null), HttpStatusCode.OK);
        await Eventually(async () => (await workflows.GetInstanceAsync(id))?.IsRunning == true, "the sweeper to start the workflow", SweepWait);
        await MailAsync(app, EmailTemplateNames.ReferralReceived, Email);
        await Eventually(async () => await app.Store.Starts.GetAsync(PendingStart.Partition, id, CancellationToken.None) is null, "the pending start to be cleared", SweepWait);

        // One acknowledgement, one "received" line: started once.
        await app.SettleAsync();
        Assert.Single(await app.Mail.ListAsync(), m => m.Template == EmailTemplateNames.ReferralReceived);
        var view = JsonDocument.Parse(await http.GetStringAsync($"/api/referrals/{id}")).RootElement;
        Assert.Single(view.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("kind").GetString() == "received");
        Assert.Equal(referral.Reference, view.GetProperty("reference").GetString());
    }

    [Fact]
    public async Task AStartNoWorkerTookUp_IsRestartedFromTheRecords_OnceAHostHasWatchedItForTenMinutes()
    {
        await using var app = new ApiApp { EasyAuth = false };
        var workflows = app.Services.GetRequiredService<DurableTaskClient>();
        var id = "r" + Guid.NewGuid().ToString("N")[..16];
        await app.Services.GetRequiredService<ReferralIntake>().StoreAsync(id, Submission(), CancellationToken.None);
        await app.Store.Starts.DeleteAsync(PendingStart.Partition, id, CancellationToken.None);

        // A start whose message is lost (Azurite killed before saving it): its instance row, as the engine writes it,
        // twenty minutes old, with no message anywhere. Pending with no custom status: nothing else would see it.
        var rows = new TableServiceClient(Environment.GetEnvironmentVariable("PEERFLOW_STORAGE")).GetTableClient(app.TaskHub + "Instances");
        var created = DateTime.UtcNow.AddMinutes(-20);
        await rows.AddEntityAsync(new TableEntity(id, "")
        {
            ["Name"] = ReferralLifecycle.Name, ["Version"] = WorkflowVersion.Current, ["RuntimeStatus"] = "Pending", ["Input"] = $$"""{"ReferralId":"{{id}}"}""",
            ["CreatedTime"] = created, ["LastUpdatedTime"] = created, ["TaskHubName"] = app.TaskHub, ["ExecutionId"] = Guid.NewGuid().ToString(),
            ["Generation"] = 0, ["Tags"] = "{}", ["ParentInstanceId"] = "",
        });
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await workflows.GetWorkflowAsync(id, CancellationToken.None))!.RuntimeStatus);

        // Restarted only once a host has seen it so, round after round, for ten minutes of the engine's clock: a gap of
        // more than five minutes between rounds (a host restarted) starts the watch again.
        var engine = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var starts = ActivatorUtilities.CreateInstance<LifecycleStarts>(app.Services, new EngineClock(engine));
        foreach (var minutes in new[] { 0, 6, 5 })
        {
            engine.Advance(TimeSpan.FromMinutes(minutes));
            Assert.Empty((await starts.SweepAsync(workflows, CancellationToken.None)).Started);
        }

        engine.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal([id], (await starts.SweepAsync(workflows, CancellationToken.None)).Started);
        await Eventually(async () => (await workflows.GetWorkflowAsync(id, CancellationToken.None))?.IsRunning == true, "the restarted workflow to run");
        await MailAsync(app, EmailTemplateNames.ReferralReceived, Email);
        Assert.Contains(await app.Store.Timeline.PartitionAsync(id, CancellationToken.None), t => t.Value.Kind == "WorkflowRestarted");
        Assert.Empty((await starts.SweepAsync(workflows, CancellationToken.None)).Started);
    }

    [Fact]
    public async Task AFailedWorkflow_IsShownToStaff_AndRestartedFromTheRecordsAtItsStage_WithNothingSentAgain()
    {
        await using var app = new ApiApp { EasyAuth = false };
        using var http = app.CreateClient();
        var workflows = app.Services.GetRequiredService<DurableTaskClient>();
        var id = (await JsonAsync(await http.PostAsync("/api/referrals", Json(new JsonObject
        {
            ["schemeId"] = "foster-mentoring",
            ["kind"] = "Self",
            ["consent"] = true,
            ["name"] = "Robin Ash",
            ["email"] = Email,
            ["postcodeDistrict"] = "EX2",
            ["reasonForReferral"] = "Newly approved and would value support.",
        })), HttpStatusCode.Accepted))
            .GetProperty("id").GetString()!;
        await Eventually(async () => Scheduled(await http.GetStringAsync($"/api/referrals/{id}")) > 0, "the assessment deadlines");
        await MailAsync(app, EmailTemplateNames.ReferralReceived, Email);
        await app.SettleAsync();

        // The workflow fails, as a release that changed its shape made waiting instances fail: an activity it cannot
        // get past (a plan for a referral that does not exist) runs out of retries.
        await workflows.TerminateInstanceAsync(id);
        await workflows.WaitForInstanceCompletionAsync(id);
        await workflows.PurgeInstanceAsync(id);
        await workflows.ScheduleNewOrchestrationInstanceAsync(ReferralLifecycle.Name, new LifecycleState { ReferralId = "rmissing" }, new StartOrchestrationOptions(id));
        await Eventually(
            async () =>
            {
                await JsonAsync(await http.PostAsync("/dev/clock/advance?hours=1", null), HttpStatusCode.OK);
                return (await workflows.GetInstanceAsync(id))?.RuntimeStatus == OrchestrationRuntimeStatus.Failed;
            },
            "the workflow to fail");

        // Staff see it (the dashboard and the referral's timeline), without anyone looking at the engine, and the
        // scheme's manager is emailed.
        await Eventually(async () => (await http.GetStringAsync("/dashboard")).Contains("1 workflow stopped", StringComparison.Ordinal), "the stopped workflow on the dashboard", SweepWait);
        Assert.Contains(
            JsonDocument.Parse(await http.GetStringAsync($"/api/referrals/{id}")).RootElement.GetProperty("timeline").EnumerateArray(),
            t => t.GetProperty("kind").GetString() == "WorkflowStopped");

        await MailAsync(app, EmailTemplateNames.MatchUpdate, "fostering.manager@example.org");

        // A manager restarts it from the records: at assessment, its deadlines back, the acknowledgement not sent again.
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/referrals/{id}/workflow/restart", null)).StatusCode);
        await Eventually(async () => Scheduled(await http.GetStringAsync($"/api/referrals/{id}")) > 0, "the deadlines of the restarted workflow");
        await app.SettleAsync();
        var view = JsonDocument.Parse(await http.GetStringAsync($"/api/referrals/{id}")).RootElement;
        Assert.Equal("Running", view.GetProperty("workflowStatus").GetString());
        Assert.Equal(nameof(ReferralStage.Assessment), view.GetProperty("stage").GetString());
        Assert.Contains(view.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("kind").GetString() == "WorkflowRestarted");
        var mail = await app.Mail.ListAsync();
        Assert.Single(mail, m => m.Template == EmailTemplateNames.ReferralReceived);
        Assert.Single(mail, m => m.Template == EmailTemplateNames.ReferralReceivedCoordinator);
        Assert.DoesNotContain("workflow stopped", await http.GetStringAsync("/dashboard"), StringComparison.Ordinal);

        // Running, there is nothing to restart; the operator's repair of all finds nothing to do either.
        await ProblemAsync(await http.PostAsync($"/api/referrals/{id}/workflow/restart", null), HttpStatusCode.Conflict);
        var repaired = await JsonAsync(await http.PostAsync("/api/operations/repair", null), HttpStatusCode.OK);
        Assert.Empty(repaired.GetProperty("restarted").EnumerateArray());
    }

    [Fact]
    public async Task ARetriedIntake_WritesItsReceivedLineOnce_EvenWhenTheFirstTryStoppedBeforeIt()
    {
        await using var app = new ApiApp { EasyAuth = false };
        var intake = app.Services.GetRequiredService<ReferralIntake>();
        var id = "r" + Guid.NewGuid().ToString("N")[..16];
        await intake.StoreAsync(id, Submission(), CancellationToken.None);
        foreach (var row in await app.Store.Timeline.PartitionAsync(id, CancellationToken.None))
        {
            await app.Store.Timeline.DeleteAsync(row.PartitionKey, row.RowKey, CancellationToken.None);
        }

        await intake.StoreAsync(id, Submission(), CancellationToken.None);
        await intake.StoreAsync(id, Submission(), CancellationToken.None);

        Assert.Single(await app.Store.Timeline.PartitionAsync(id, CancellationToken.None), t => t.Value.Kind == "received");
    }

    private static int Scheduled(string view) => JsonDocument.Parse(view).RootElement.GetProperty("scheduled").GetArrayLength();

    private static ReferralSubmission Submission() => new()
    {
        SchemeId = "foster-mentoring",
        Kind = ReferralKind.Self,
        Consent = true,
        Name = "Robin Ash",
        Email = Email,
        PostcodeDistrict = "EX2",
        ReasonForReferral = "Newly approved and would value support.",
    };
}
