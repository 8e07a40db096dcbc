using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;

namespace PeerFlow.Orchestrations.Tests;

public class CapacityTests
{
    [Fact]
    public async Task TwoCoordinatorsProposingAtOnce_CannotOverAllocateAMentor()
    {
        await using var h = await LifecycleHarness.StartAsync(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero));
        await h.AddMentorAsync("ann", "EX1", "art");
        await h.Store.Mentors.UpdateAsync("mentor", "ann", m => m with { Capacity = 1 }, MatchProposals.MentorColumns, default);
        var referrals = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var id = await h.ReferAsync();
            await h.AssessAsync(id, AssessmentOutcome.Suitable);
            referrals.Add(id);
        }

        var results = await Task.WhenAll(referrals.Select(id => h.Proposals.ProposeAsync(id, "ann", null, default)));

        Assert.Single(results, r => r.Result == ProposalResult.Proposed);
        Assert.Equal(5, results.Count(r => r.Result == ProposalResult.AtCapacity));
        Assert.Equal(1, (await h.MentorAsync("ann")).ActiveMatches);
    }

    [Fact]
    public async Task ProposalsOnOneReferralAtOnce_ExactlyOneWins_AndNoOtherMentorsLoadMoves()
    {
        await using var h = await LifecycleHarness.StartAsync(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero));
        string[] mentors = ["ann", "bob", "cat", "dan"];
        foreach (var mentor in mentors)
        {
            await h.AddMentorAsync(mentor, "EX1", "art");
        }

        var id = await h.ReferAsync();
        await h.AssessAsync(id, AssessmentOutcome.Suitable);

        var results = await Task.WhenAll(mentors.Select(m => h.Proposals.ProposeAsync(id, m, null, default)));

        var winner = Assert.Single(results, r => r.Result == ProposalResult.Proposed);
        Assert.Equal(mentors.Length - 1, results.Count(r => r.Result == ProposalResult.AlreadyProposed));
        foreach (var mentor in mentors)
        {
            Assert.Equal(mentor == winner.Match!.MentorId ? 1 : 0, (await h.MentorAsync(mentor)).ActiveMatches);
        }

        var match = Assert.Single(await h.Store.Matches.PartitionAsync(id, default));
        Assert.Equal(winner.Match!.Id, match.Value.Id);
        Assert.Equal(winner.Match.Id, (await h.ReferralAsync(id)).CurrentMatchId);
    }

    [Fact]
    public async Task OverCapacity_NeedsAReason_WhichIsKeptOnTheMatch()
    {
        await using var h = await LifecycleHarness.StartAsync(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero));
        await h.AddMentorAsync("ann", "EX1", "art");
        await h.Store.Mentors.UpdateAsync("mentor", "ann", m => m with { Capacity = 1, ActiveMatches = 1 }, MatchProposals.MentorColumns, default);
        var id = await h.ReferAsync();
        await h.AssessAsync(id, AssessmentOutcome.Suitable);

        var refused = await h.Proposals.ProposeAsync(id, "ann", null, default);
        var allowed = await h.Proposals.ProposeAsync(id, "ann", "Family asked for Ann; she agreed to a third", default);

        Assert.Equal(ProposalResult.AtCapacity, refused.Result);
        Assert.Equal(ProposalResult.Proposed, allowed.Result);
        Assert.Equal("Family asked for Ann; she agreed to a third", allowed.Match!.OverrideReason);
        Assert.Equal(2, (await h.MentorAsync("ann")).ActiveMatches);
    }
}
