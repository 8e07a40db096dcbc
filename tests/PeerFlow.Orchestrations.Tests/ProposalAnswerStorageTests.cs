using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;

namespace PeerFlow.Orchestrations.Tests;

/// <summary>The rule of <see cref="ProposalAnswers"/> on Azurite: the first answer written to a match row is the one kept.</summary>
public class ProposalAnswerStorageTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ManyAnswersWrittenAtOnce_ExactlyOneIsKept_AndEveryOtherSeesIt()
    {
        await using var h = await LifecycleHarness.StartAsync(Monday);
        await h.AddMentorAsync("ann", "EX1", "art");
        var id = await h.ReferAsync();
        await h.AssessAsync(id, AssessmentOutcome.Suitable);
        var (_, match) = await h.Proposals.ProposeAsync(id, "ann", null, default);

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            h.Answers.RecordAsync(id, match!.Id, i % 2 == 0 ? MatchAnswer.Accepted : MatchAnswer.Declined, default)));

        var kept = Assert.Single(results, r => r.Recorded).Match!.Answer;
        Assert.All(results, r => Assert.Equal(kept, r.Match!.Answer));
        Assert.Equal(kept, (await h.Store.Matches.GetAsync(id, match!.Id, default))!.Value.Answer);
    }

    [Fact]
    public async Task AClosure_WithdrawsTheOpenProposal_AndNoProposalStartsAfterIt()
    {
        await using var h = await LifecycleHarness.StartAsync(Monday);
        await h.AddMentorAsync("ann", "EX1", "art");
        await h.AddMentorAsync("bob", "EX1", "art");
        var id = await h.ReferAsync();
        await h.AssessAsync(id, AssessmentOutcome.Suitable);
        var (_, match) = await h.Proposals.ProposeAsync(id, "ann", null, default);

        Assert.Equal(ClosureResult.Recorded, (await h.Answers.RequestClosureAsync(id, default)).Result);

        Assert.Equal(MatchAnswer.Withdrawn, (await h.Store.Matches.GetAsync(id, match!.Id, default))!.Value.Answer);
        Assert.False((await h.Answers.RecordAsync(id, match.Id, MatchAnswer.Accepted, default)).Recorded);
        Assert.NotNull((await h.ReferralAsync(id)).ClosureRequestedAt);
        // As the workflow leaves it once withdrawn: only the closure stands in the way of a new proposal now.
        await h.Store.Matches.UpdateAsync(id, match.Id, m => m with { Status = MatchStatus.Ended }, MatchProposals.Columns, default);
        Assert.Equal(ProposalResult.ReferralNotMatching, (await h.Proposals.ProposeAsync(id, "bob", null, default)).Result);
    }

    [Fact]
    public async Task AClosure_AfterTheAcceptanceWasKept_IsRefused_AndChangesNothing()
    {
        await using var h = await LifecycleHarness.StartAsync(Monday);
        await h.AddMentorAsync("ann", "EX1", "art");
        var id = await h.ReferAsync();
        await h.AssessAsync(id, AssessmentOutcome.Suitable);
        var (_, match) = await h.Proposals.ProposeAsync(id, "ann", null, default);
        Assert.True((await h.Answers.RecordAsync(id, match!.Id, MatchAnswer.Accepted, default)).Recorded);

        var closure = await h.Answers.RequestClosureAsync(id, default);

        Assert.Equal(ClosureResult.AcceptedFirst, closure.Result);
        Assert.Equal(MatchAnswer.Accepted, closure.Match!.Answer);
        Assert.Null((await h.ReferralAsync(id)).ClosureRequestedAt);
    }

    [Fact]
    public async Task AClosure_WhileAProposalIsBeingWritten_IsRefused_NotLetThroughBesideIt()
    {
        await using var h = await LifecycleHarness.StartAsync(Monday);
        var id = await h.ReferAsync();
        await h.AssessAsync(id, AssessmentOutcome.Suitable);
        // Claimed on the referral, its match row not written yet: the moment inside MatchProposals.ProposeAsync.
        await h.Store.Referrals.UpdateAsync(id, "", r => r with { CurrentMatchId = "mclaimed01", ProposalClaimedAt = h.Host.Clock.GetUtcNow().UtcDateTime }, MatchProposals.ReferralColumns, default);

        Assert.Equal(ClosureResult.ProposalUnderWay, (await h.Answers.RequestClosureAsync(id, default)).Result);
        Assert.Null((await h.ReferralAsync(id)).ClosureRequestedAt);
    }
}
