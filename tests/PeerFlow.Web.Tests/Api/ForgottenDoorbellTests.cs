using System.Net;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PeerFlow.Domain.Email;
using PeerFlow.Orchestrations;
using PeerFlow.Orchestrations.Activities;
using PeerFlow.Orchestrations.Starts;
using PeerFlow.Web.Actions;
using PeerFlow.Web.Hosting;
using static PeerFlow.Web.Tests.Api.ApiAssert;

namespace PeerFlow.Web.Tests.Api;

/// <summary>
/// A host that dies between storing a signal and telling the workflow (seen in the crash runs: a proposal stored, the
/// mentor never asked) no longer leaves the signal waiting for the workflow's next timer, days away: the sweeper rings.
/// </summary>
public sealed class ForgottenDoorbellTests
{
    [Fact]
    public async Task ASignalStoredByAHostThatDiedBeforeRinging_IsRungByTheSweeper_AndActedOn()
    {
        await using var app = new ApiApp { EasyAuth = false };
        using var http = app.CreateClient();
        var id = await Referred.AwaitingAssessmentAsync(app, http, "Sam Bell", "sam.bell@example.com");

        // Stored as WorkflowSignals stores it, then the host "dies": no doorbell.
        await app.Store.Inbox.PostAsync(id, LifecycleEvents.SafeguardingConcern, TakeSignal.Serialize(new Signal()), app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, CancellationToken.None);
        await app.SettleAsync();
        Assert.DoesNotContain(await app.Mail.ListAsync(), m => m.Template == EmailTemplateNames.SafeguardingAlert);
        var signals = new WorkflowSignals(app.Store, app.Services.GetRequiredService<DurableTaskClient>(), app.Services.GetRequiredService<TimeProvider>());
        Assert.Equal(0, await signals.RingForgottenAsync(CancellationToken.None)); // a live request may still be ringing

        await JsonAsync(await http.PostAsync("/dev/clock/advance?hours=0.05", null), HttpStatusCode.OK);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await WorkflowSweep.RunAsync(
                scope.ServiceProvider.GetRequiredService<LifecycleStarts>, () => app.Store, app.Services.GetRequiredService<DurableTaskClient>(),
                app.Services.GetRequiredService<TimeProvider>(), NullLogger.Instance, CancellationToken.None);
        }

        await Eventually(async () => (await app.Mail.ListAsync()).Any(m => m.Template == EmailTemplateNames.SafeguardingAlert), "the safeguarding alert, once rung");
        Assert.Empty(await app.Store.Inbox.UnrungBeforeAsync(DateTime.MaxValue, CancellationToken.None));
    }
}
