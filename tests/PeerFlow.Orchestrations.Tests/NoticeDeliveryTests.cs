using System.Net;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using PeerFlow.Domain.Email;
using PeerFlow.Domain.Notices;
using PeerFlow.Domain.Records;
using PeerFlow.Orchestrations.Delivery;

namespace PeerFlow.Orchestrations.Tests;

/// <summary>
/// Notices are delivered apart from the lifecycle: a failing email provider costs late notices, never a referral
/// that stops taking signals, and a notice that cannot be delivered is shown, not lost.
/// </summary>
public class NoticeDeliveryTests
{
    // Monday 2 November 2026, 10:00 UTC: no bank holidays nearby.
    private static readonly DateTimeOffset Monday = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

    private static SendGridRequestException Answered(HttpStatusCode status) => new(status, $"SendGrid answered {(int)status}");

    [Fact]
    public async Task ProviderFailingThenUnauthorised_NeverHoldsTheReferralUp_AndEveryNoticeGoesOnceAfterRecovery()
    {
        await using var h = await LifecycleHarness.StartAsync(Monday);
        await h.AddMentorAsync("ann", "EX2", "art");
        h.Notices.Failure = _ => Answered(HttpStatusCode.InternalServerError);
        var id = await h.ReferAsync();

        // Every call fails, yet the referral takes its signals and moves on.
        await h.AssessAsync(id, AssessmentOutcome.Suitable);
        Assert.Equal(ReferralStage.Matching, (await h.ReferralAsync(id)).Stage);
        await h.Host.RaiseEventAsync(id, LifecycleEvents.SafeguardingConcern, new Signal());
        var matchId = await h.ProposeAsync(id, "ann");
        Assert.Empty(h.Notices.For(id));
        // Tried: the acknowledgement and the safeguarding alert; the proposal waits behind the acknowledgement.
        Assert.Equal(2, h.Notices.Attempts);

        // A revoked key: the provider answers 401 for a while; still no notice lost, the referral still moves.
        h.Notices.Failure = _ => Answered(HttpStatusCode.Unauthorized);
        await h.Host.AdvanceAsync(TimeSpan.FromMinutes(3));
        await h.RespondAsync(id, matchId, accepted: true);
        Assert.Equal(ReferralStage.Active, (await h.ReferralAsync(id)).Stage);
        Assert.Empty(h.Notices.For(id));

        h.Notices.Failure = _ => null;
        await h.Host.AdvanceAsync(TimeSpan.FromHours(3));

        var sent = h.Notices.Sent.Where(s => s.Request.ReferralId == id).ToList();
        Assert.Equal(
            [Notice.ReferralReceived, Notice.MatchProposed, Notice.MatchConfirmed, Notice.SafeguardingAlert],
            sent.Select(s => s.Request.Notice).Order()); // by the enum's order
        Assert.Equal(sent.Count, sent.Select(s => s.Key).Distinct().Count());
        var outbox = await h.Host.Services.GetRequiredService<NoticeOutbox>().ForReferralAsync(id, default);
        Assert.All(outbox, n => Assert.Equal(NoticeState.Delivered, n.State));
        Assert.Equal(4, outbox.Count);

        // The acknowledgement went before the notices decided after it (the safeguarding alert may overtake: it is urgent).
        var order = sent.Where(s => !s.Request.Notice.IsUrgent()).Select(s => s.Request.Notice).ToList();
        Assert.Equal([Notice.ReferralReceived, Notice.MatchProposed, Notice.MatchConfirmed], order);
        await AssertNoWorkflowFailedAsync(h);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await h.Host.GetStatusAsync(id)).RuntimeStatus);
    }

    [Fact]
    public async Task SafeguardingAlert_GoesAtOnce_WhileAnEarlierNoticeOfTheReferralIsFailing()
    {
        await using var h = await LifecycleHarness.StartAsync(Monday);
        h.Notices.Failure = r => r.Notice == Notice.ReferralReceived ? Answered(HttpStatusCode.ServiceUnavailable) : null;
        var id = await h.ReferAsync();
        var raisedAt = LifecycleHarness.Minute(h.Host.Clock.GetUtcNow().UtcDateTime);

        await h.Host.RaiseEventAsync(id, LifecycleEvents.SafeguardingConcern, new Signal());

        Assert.Equal(raisedAt, h.Notices.At(id, Notice.SafeguardingAlert));
        Assert.DoesNotContain(Notice.ReferralReceived, h.Notices.For(id));
    }

    [Fact]
    public async Task ANoticeWaitsForAnEarlierOneOfTheSameReferral_SoPeopleReadThemInOrder()
    {
        await using var h = await LifecycleHarness.StartAsync(Monday);
        var failures = 0;
        h.Notices.Failure = r => r.Notice == Notice.ReferralReceived && Interlocked.Increment(ref failures) == 1 ? Answered(HttpStatusCode.BadGateway) : null;
        var id = await h.ReferAsync();

        await h.AssessAsync(id, AssessmentOutcome.NotSuitable);
        Assert.Equal(ReferralStage.Closed, (await h.ReferralAsync(id)).Stage);
        Assert.Empty(h.Notices.For(id)); // the closure notice is held behind the failed acknowledgement

        await h.Host.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Equal([Notice.ReferralReceived, Notice.Closed], h.Notices.For(id));
    }

    [Fact]
    public async Task ANoticeThatFoundNothingToAsk_IsDone_AndTheTimelineSaysWhatWasNotSentAndWhy()
    {
        await using var h = await LifecycleHarness.StartAsync(Monday);
        h.Notices.NotSent = r => r.Notice == Notice.ReferralReceived ? "the acknowledgement, as there was nobody to send it to" : null;
        var id = await h.ReferAsync();
        await h.Host.SettleAsync();

        var notice = Assert.Single(await h.Host.Services.GetRequiredService<NoticeOutbox>().ForReferralAsync(id, default));
        Assert.Equal(NoticeState.Delivered, notice.State); // nothing left to do: not a failure, not on the undelivered list
        Assert.Empty(h.Notices.UndeliveredAlerts);
        var lines = (await h.Store.Timeline.PartitionAsync(id, default)).Select(t => t.Value.Text).ToList();
        Assert.Contains("Not sent: the acknowledgement, as there was nobody to send it to", lines);
        Assert.DoesNotContain(NoticeCatalog.Of(Notice.ReferralReceived).Timeline, lines);
    }

    [Fact]
    public async Task ANoticeWhollyHeldForTheDigest_IsDone_WithoutATimelineLineSayingTheCoordinatorWasTold()
    {
        await using var h = await LifecycleHarness.StartAsync(Monday);
        h.Notices.HeldForDigest = r => r.Notice == Notice.ReferralReceived;
        var id = await h.ReferAsync();
        await h.Host.SettleAsync();

        Assert.Equal(NoticeState.Delivered, Assert.Single(await h.Host.Services.GetRequiredService<NoticeOutbox>().ForReferralAsync(id, default)).State);
        Assert.DoesNotContain(await h.Store.Timeline.PartitionAsync(id, default), t => t.Value.Kind == nameof(Notice.ReferralReceived));
    }

    [Fact]
    public async Task RefusedAddress_ShowsAsNotDelivered_TellsTheCoordinator_AndTheLifecycleGoesOn_ThenStaffRetry()
    {
        await using var h = await LifecycleHarness.StartAsync(Monday);
        h.Notices.Failure = r => r.Notice == Notice.ReferralReceived ? new NoticeRefusedException("SendGrid refused the email to the referrer (400)") : null;
        var id = await h.ReferAsync();
        await h.AssessAsync(id, AssessmentOutcome.Suitable);

        Assert.Equal(ReferralStage.Matching, (await h.ReferralAsync(id)).Stage);
        var outbox = h.Host.Services.GetRequiredService<NoticeOutbox>();
        var refused = Assert.Single(await outbox.ForReferralAsync(id, default));
        Assert.Equal(NoticeState.Undelivered, refused.State);
        Assert.Equal(1, refused.Attempts); // a refusal is not tried again on its own
        Assert.Equal("SendGrid refused the email to the referrer (400)", refused.LastError);
        Assert.Equal(refused.Key, Assert.Single(h.Notices.UndeliveredAlerts).Key);
        Assert.Contains(await outbox.UndeliveredAsync(default), n => n.Key == refused.Key);
        var timeline = await h.Store.Timeline.PartitionAsync(id, default);
        Assert.Contains(timeline, t => t.Value.Text.StartsWith("Not delivered: Acknowledgement sent", StringComparison.Ordinal) && t.Value.Text.Contains("(400)", StringComparison.Ordinal));

        // The address was corrected; staff try again, and only that notice goes.
        h.Notices.Failure = _ => null;
        Assert.True(await outbox.RetryAsync(id, refused.Key, h.Host.Client, default));
        Assert.False(await outbox.RetryAsync(id, refused.Key, h.Host.Client, default)); // already on its way again
        await h.Host.SettleAsync();
        Assert.Equal([Notice.ReferralReceived], h.Notices.For(id));
        Assert.Equal(NoticeState.Delivered, (await outbox.GetAsync(id, refused.Key, default))!.State);
        Assert.DoesNotContain(await outbox.UndeliveredAsync(default), n => n.ReferralId == id);
    }

    [Fact]
    public async Task AnOutageLongerThanEveryRetry_EndsNotDelivered_AfterTheLastTry_AndStaffCanMarkItHandled()
    {
        await using var h = await LifecycleHarness.StartAsync(Monday);
        h.Notices.Failure = _ => Answered(HttpStatusCode.InternalServerError);
        var id = await h.ReferAsync();
        var outbox = h.Host.Services.GetRequiredService<NoticeOutbox>();

        for (var hours = 0; hours < 48 && (await outbox.ForReferralAsync(id, default)).Any(n => n.State == NoticeState.Pending); hours++)
        {
            await h.Host.AdvanceAsync(TimeSpan.FromHours(1));
        }

        var given = Assert.Single(await outbox.ForReferralAsync(id, default));
        Assert.Equal(NoticeState.Undelivered, given.State);
        Assert.Equal(NoticeDelivery.MaxAttempts, given.Attempts);
        Assert.Equal(NoticeDelivery.MaxAttempts, h.Notices.Attempts);
        Assert.Equal("SendGrid answered 500", given.LastError);
        Assert.InRange(given.LastTriedAt!.Value - Monday.UtcDateTime, TimeSpan.FromHours(10), TimeSpan.FromHours(14));
        Assert.Single(h.Notices.UndeliveredAlerts);

        Assert.True(await outbox.MarkHandledAsync(id, given.Key, "coordinator@example.org", default));
        Assert.Equal(NoticeState.Handled, (await outbox.GetAsync(id, given.Key, default))!.State);
        Assert.False(await outbox.RetryAsync(id, given.Key, h.Host.Client, default));
        await AssertNoWorkflowFailedAsync(h);
    }

    private static async Task AssertNoWorkflowFailedAsync(LifecycleHarness h)
    {
        var failed = new List<string>();
        await foreach (var instance in h.Host.Client.GetAllInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Failed] }))
        {
            failed.Add(instance.InstanceId);
        }

        Assert.Empty(failed);
    }
}
