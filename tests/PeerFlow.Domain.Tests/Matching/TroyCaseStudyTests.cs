using PeerFlow.Domain.Matching;
using static PeerFlow.Domain.Tests.Matching.MatchingFixtures;

namespace PeerFlow.Domain.Tests.Matching;

/// <summary>
/// The matching case study in seed 004: Troy was first paired on shared social interests (the party scene), which broke
/// down; the coordinator learnt he loved art and re-matched him with a woman who loved art too, and it went well.
/// </summary>
public class TroyCaseStudyTests
{
    private static readonly MentorProfile Sam = Mentor("sam") with
    {
        Gender = "male",
        Interests = ["nightlife", "music"],
        Experiences = ["newly-diagnosed"],
        PostcodeDistrict = "EX1",
    };

    private static readonly MentorProfile Rosa = Mentor("rosa") with
    {
        Gender = "female",
        Interests = ["art", "galleries", "creative-writing"],
        PostcodeDistrict = "EX4",
    };

    private static readonly MatchRequest Troy = new("troy-referral")
    {
        PostcodeDistrict = "EX1",
        Interests = ["art", "galleries", "nightlife"],
        ExperiencesSought = ["newly-diagnosed"],
        Languages = ["English"],
    };

    [Fact]
    public void With_default_weights_the_local_mentor_with_the_same_situation_ranks_first()
    {
        var shortlist = Matcher.Shortlist(Troy, [Rosa, Sam], MatchingWeights.Default, Today);

        Assert.Equal(["sam", "rosa"], shortlist.Candidates.Select(c => c.MentorId));
    }

    [Fact]
    public void Raising_the_interests_weight_puts_the_art_lover_first()
    {
        var weights = MatchingWeights.Default with { Interests = 20 };

        var shortlist = Matcher.Shortlist(Troy, [Sam, Rosa], weights, Today);

        Assert.Equal(["rosa", "sam"], shortlist.Candidates.Select(c => c.MentorId));
        Assert.Contains("Shares 2 interests: art, galleries", shortlist.Candidates[0].Reasons);
    }

    [Fact]
    public void After_the_first_pairing_breaks_down_the_art_lover_is_proposed_and_the_first_mentor_is_not()
    {
        var afterBreakdown = Troy with { ExcludedMentorIds = ["sam"] };

        var shortlist = Matcher.Shortlist(afterBreakdown, [Sam, Rosa], MatchingWeights.Default, Today);

        Assert.Equal("rosa", Assert.Single(shortlist.Candidates).MentorId);
        var excluded = Assert.Single(shortlist.Excluded);
        Assert.Equal("sam", excluded.MentorId);
        Assert.Equal(["Previously paired with this family — the match broke down"], excluded.Reasons);
        Assert.False(excluded.ExcludedOnlyForCapacity);
    }
}
