using Microsoft.DurableTask.Client;
using PeerFlow.Domain.Notices;
using PeerFlow.Domain.Records;

namespace PeerFlow.Orchestrations.Tests;

/// <summary>
/// Signals raised while the workflow changes generation: every check-in starts a new generation, and Durable Task
/// drops events raised at that moment. Stored first and taken from the inbox, none is lost and none handled twice.
/// </summary>
public class SignalInboxTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CheckIns_RaisedBackToBack_AcrossGenerationChanges_AreEachHandledOnce(bool onAzurite)
    {
        await using var h = await LifecycleHarness.StartAsync(Monday, onAzurite: onAzurite);
        await h.AddMentorAsync("ann", "EX2", "art");
        var id = await h.ReferAsync();
        await h.AssessAsync(id, AssessmentOutcome.Suitable);
        await h.RespondAsync(id, await h.ProposeAsync(id, "ann"), accepted: true);

        // Each red check-in ends a generation; the next is raised without waiting for that to happen.
        const int count = 5;
        for (var i = 0; i < count; i++)
        {
            await h.PostSignalAsync(id, LifecycleEvents.CheckInLogged, new Signal { CheckInId = "c" + i, Met = true, Rag = "Red" });
        }

        await h.Host.SettleAsync();
        await h.PostSignalAsync(id, LifecycleEvents.SafeguardingConcern, new Signal());
        await h.Host.SettleAsync();

        Assert.Equal(count, h.Notices.For(id).Count(n => n == Notice.RedCheckIn));
        Assert.Single(h.Notices.For(id), n => n == Notice.SafeguardingAlert);
        var inbox = await h.InboxAsync(id);
        var checkIns = inbox.Where(s => s.Name == LifecycleEvents.CheckInLogged).ToList();
        Assert.Equal(count, checkIns.Count);
        Assert.All(checkIns, s => Assert.Equal("handled", s.Outcome));
        Assert.Equal(count, checkIns.Select(s => s.TakenBy).Distinct().Count());
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await h.Host.GetStatusAsync(id)).RuntimeStatus);
        Assert.Equal(ReferralStage.Active, (await h.ReferralAsync(id)).Stage);
    }

    [Fact]
    public async Task A_signal_the_stage_has_no_use_for_is_set_aside_not_left_to_block_the_inbox()
    {
        await using var h = await LifecycleHarness.StartAsync(Monday);
        var id = await h.ReferAsync();

        await h.Host.RaiseEventAsync(id, LifecycleEvents.FeedbackSubmitted, new Signal { From = "mentee" });
        await h.AssessAsync(id, AssessmentOutcome.NotSuitable);

        var inbox = await h.InboxAsync(id);
        Assert.Equal("ignored", inbox.Single(s => s.Name == LifecycleEvents.FeedbackSubmitted).Outcome);
        Assert.Equal("handled", inbox.Single(s => s.Name == LifecycleEvents.AssessmentRecorded).Outcome);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await h.Host.GetStatusAsync(id)).RuntimeStatus);
    }
}
