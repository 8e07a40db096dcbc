using PeerFlow.Domain.Matching;
using static PeerFlow.Domain.Tests.Matching.MatchingFixtures;

namespace PeerFlow.Domain.Tests.Matching;

public class ShortlistTests
{
    [Fact]
    public void An_empty_pool_gives_an_empty_shortlist()
    {
        var shortlist = Matcher.Shortlist(Request(), [], MatchingWeights.Default, Today);

        Assert.Empty(shortlist.Candidates);
        Assert.Empty(shortlist.Excluded);
    }

    [Fact]
    public void A_mentor_excluded_only_for_capacity_is_flagged_so_the_coordinator_can_override()
    {
        var shortlist = Run(Request(), Mentor("m1") with { ActiveMatches = 2 });

        Assert.True(Assert.Single(shortlist.Excluded).ExcludedOnlyForCapacity);
    }

    [Fact]
    public void A_mentor_at_capacity_and_failing_another_filter_is_not_offered_the_override()
    {
        var shortlist = Run(
            Request() with { ExcludedMentorIds = ["m1"] },
            Mentor("m1") with { ActiveMatches = 2 },
            Mentor("m2") with { ActiveMatches = 3, Active = false });

        Assert.All(shortlist.Excluded, e => Assert.False(e.ExcludedOnlyForCapacity));
    }

    [Fact]
    public void Capacity_only_exclusions_are_listed_first()
    {
        var shortlist = Run(Request(), Mentor("a") with { Active = false }, Mentor("b") with { ActiveMatches = 2 });

        Assert.Equal(["b", "a"], shortlist.Excluded.Select(e => e.MentorId));
    }

    [Fact]
    public void Equal_scores_are_ordered_by_fewer_active_matches_then_by_mentor_id()
    {
        // Without load balancing the active matches do not change the score, so all three tie on it.
        var weights = MatchingWeights.Default with { LoadBalance = 0 };
        MentorProfile[] pool = [Mentor("c"), Mentor("a") with { ActiveMatches = 1 }, Mentor("b")];

        var first = Matcher.Shortlist(Request(), pool, weights, Today);
        var reversed = Matcher.Shortlist(Request(), pool.Reverse(), weights, Today);

        Assert.Equal(["b", "c", "a"], first.Candidates.Select(c => c.MentorId));
        Assert.Equal(first.Candidates.Select(c => c.MentorId), reversed.Candidates.Select(c => c.MentorId));
        Assert.Single(first.Candidates.Select(c => c.Score).Distinct());
    }

    [Fact]
    public void A_higher_score_ranks_above_fewer_active_matches()
    {
        var request = Request() with { Interests = ["art"] };

        var shortlist = Run(request, Mentor("idle"), Mentor("busy-art-lover") with { ActiveMatches = 1, Interests = ["art"] });

        Assert.Equal(["busy-art-lover", "idle"], shortlist.Candidates.Select(c => c.MentorId));
    }

    [Fact]
    public void A_failed_pairing_is_never_proposed_again_whatever_the_weights_or_pool()
    {
        var random = new Random(4);
        string[] interests = ["art", "walking", "music", "cooking"];
        for (var round = 0; round < 300; round++)
        {
            var pool = Enumerable.Range(0, random.Next(1, 8))
                .Select(i => Mentor($"m{i}") with
                {
                    ActiveMatches = random.Next(0, 3),
                    Interests = [.. interests.Where(_ => random.Next(2) == 0)],
                })
                .ToList();
            var failed = pool[random.Next(pool.Count)].MentorId;
            var request = Request() with { Interests = [.. interests.Where(_ => random.Next(2) == 0)], ExcludedMentorIds = [failed] };
            var weights = new MatchingWeights { Interests = random.Next(0, 50), LoadBalance = random.Next(0, 50) };

            var shortlist = Matcher.Shortlist(request, pool, weights, Today);

            Assert.DoesNotContain(shortlist.Candidates, c => c.MentorId == failed);
            var excluded = Assert.Single(shortlist.Excluded, e => e.MentorId == failed);
            Assert.False(excluded.ExcludedOnlyForCapacity);
        }
    }

    [Fact]
    public void Every_mentor_in_the_pool_is_either_a_candidate_or_excluded()
    {
        var shortlist = Run(Request(), Mentor("m1"), Mentor("m2") with { Active = false }, Mentor("m3"));

        Assert.Equal(
            ["m1", "m2", "m3"],
            shortlist.Candidates.Select(c => c.MentorId).Concat(shortlist.Excluded.Select(e => e.MentorId)).Order());
    }

    [Fact]
    public void The_same_mentor_twice_in_the_pool_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => Run(Request(), Mentor("m1"), Mentor("m1")));
    }

    [Fact]
    public void A_dbs_check_expiring_within_30_days_is_a_warning_not_an_exclusion()
    {
        var shortlist = Run(Request(), Mentor("m1") with { DbsCheckExpires = Today.AddDays(12) });

        var candidate = Assert.Single(shortlist.Candidates);
        Assert.Equal(["DBS check expires in 12 days"], candidate.Warnings);
        Assert.Equal("DBS check expires in 12 days", candidate.Reasons[0]);
    }

    [Fact]
    public void Training_expiring_tomorrow_is_a_warning()
    {
        var shortlist = Run(Request(), Mentor("m1") with { TrainingExpires = Today.AddDays(1) });

        Assert.Equal(["Training expires in 1 day"], Assert.Single(shortlist.Candidates).Warnings);
    }

    [Fact]
    public void A_dbs_check_expiring_in_31_days_gives_no_warning()
    {
        var shortlist = Run(Request(), Mentor("m1") with { DbsCheckExpires = Today.AddDays(31) });

        Assert.Empty(Assert.Single(shortlist.Candidates).Warnings);
    }
}
