using PeerFlow.Domain.Notices;
using PeerFlow.Domain.Records;

namespace PeerFlow.Orchestrations.Tests;

/// <summary>
/// The workflow acts on the answer kept on the match row, read again whenever a timer fires, so an answer is never
/// lapsed because its signal came late or never came.
/// </summary>
public class ProposalAnswerTests
{
    // Monday 2 November 2026, 10:00 UTC: the response window is 5 days, its reminder on day 3.
    private static readonly DateTimeOffset Monday = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AnAcceptanceStoredJustBeforeTheWindowEnds_WhoseSignalArrivesAfter_IsKept_NotLapsed()
    {
        await using var h = await LifecycleHarness.StartAsync(Monday);
        await h.AddMentorAsync("ann", "EX1", "art");
        var id = await h.ReferAsync();
        await h.AssessAsync(id, AssessmentOutcome.Suitable);
        var matchId = await h.ProposeAsync(id, "ann");
        await h.Host.AdvanceToAsync(Monday.AddDays(5).AddMinutes(-1));
        Assert.Equal(MatchStatus.Proposed, (await h.Store.Matches.GetAsync(id, matchId, default))!.Value.Status);

        // Stored and put in the inbox, as the API does, but the doorbell is rung only after the window has ended.
        Assert.True((await h.Answers.RecordAsync(id, matchId, MatchAnswer.Accepted, default)).Recorded);
        var signal = await h.Store.Inbox.PostAsync(id, LifecycleEvents.MatchResponse, Activities.TakeSignal.Serialize(new Signal { MatchId = matchId, Accepted = true }), h.Host.Clock.GetUtcNow().UtcDateTime, default);
        await h.Host.AdvanceAsync(TimeSpan.FromDays(1));
        await h.Host.Client.RaiseEventAsync(id, LifecycleEvents.Doorbell, signal);
        await h.Host.SettleAsync();

        var match = (await h.Store.Matches.GetAsync(id, matchId, default))!.Value;
        Assert.Equal((MatchStatus.Active, MatchAnswer.Accepted), (match.Status, match.Answer));
        Assert.Equal(ReferralStage.Active, (await h.ReferralAsync(id)).Stage);
        Assert.Contains(Notice.MatchConfirmed, h.Notices.For(id));
        Assert.DoesNotContain(Notice.MatchUnanswered, h.Notices.For(id));
        Assert.Equal(1, (await h.MentorAsync("ann")).ActiveMatches);
    }

    [Fact]
    public async Task AnAnswerStoredWhoseSignalWasNeverSent_TakesEffectWhenTheNextTimerFires()
    {
        await using var h = await LifecycleHarness.StartAsync(Monday);
        await h.AddMentorAsync("ann", "EX1", "art");
        await h.AddMentorAsync("bob", "EX2");
        var id = await h.ReferAsync();
        await h.AssessAsync(id, AssessmentOutcome.Suitable);
        var matchId = await h.ProposeAsync(id, "ann");

        // The process stopped between keeping the decline and signalling the workflow.
        Assert.True((await h.Answers.RecordAsync(id, matchId, MatchAnswer.Declined, default)).Recorded);
        await h.Host.AdvanceAsync(TimeSpan.FromDays(3).Add(TimeSpan.FromMinutes(1)));

        Assert.Equal(MatchStatus.Declined, (await h.Store.Matches.GetAsync(id, matchId, default))!.Value.Status);
        Assert.Equal([Notice.ReferralReceived, Notice.MatchProposed, Notice.MatchDeclined, Notice.MatchProposed], h.Notices.For(id));
        var next = (await h.ReferralAsync(id)).CurrentMatchId!;
        Assert.Equal("bob", (await h.Store.Matches.GetAsync(id, next, default))!.Value.MentorId);
        Assert.Equal(0, (await h.MentorAsync("ann")).ActiveMatches);
    }

    [Fact]
    public async Task AClosureSignal_WhenTheAcceptanceWasKeptFirst_DoesNotWithdrawTheMatch()
    {
        await using var h = await LifecycleHarness.StartAsync(Monday);
        await h.AddMentorAsync("ann", "EX1", "art");
        var id = await h.ReferAsync();
        await h.AssessAsync(id, AssessmentOutcome.Suitable);
        var matchId = await h.ProposeAsync(id, "ann");

        // The acceptance is kept; a closure's signal reaches the workflow before the acceptance's does.
        Assert.True((await h.Answers.RecordAsync(id, matchId, MatchAnswer.Accepted, default)).Recorded);
        await h.Host.RaiseEventAsync(id, LifecycleEvents.ClosureRequested, new Signal { Reason = "withdrawn" });

        Assert.Equal(MatchStatus.Active, (await h.Store.Matches.GetAsync(id, matchId, default))!.Value.Status);
        Assert.Equal(ReferralStage.Active, (await h.ReferralAsync(id)).Stage);
        Assert.Equal(1, (await h.MentorAsync("ann")).ActiveMatches);
    }
}
