using System.Net;
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
}
