using PeerFlow.Domain.Matching;
using static PeerFlow.Domain.Tests.Matching.MatchingFixtures;

namespace PeerFlow.Domain.Tests.Matching;

public class ScoringTests
{
    [Fact]
    public void A_candidate_is_explained_by_the_reasons_that_made_up_its_score()
    {
        var request = Request() with
        {
            Interests = ["walking", "art", "football"],
            ExperiencesSought = ["early-placement"],
            LearningStyles = ["practical"],
        };
        var mentor = Mentor("m1") with
        {
            Interests = ["Art", "walking"],
            Experiences = ["early-placement", "sibling-group"],
            LearningStyles = ["practical"],
        };

        var candidate = Assert.Single(Run(request, mentor).Candidates);

        Assert.Equal(
            [
                "Has experience of early placement",
                "Shares 2 interests: art, walking",
                "Shares a learning style: practical",
                "Speaks English",
                "Same postcode district",
                "Supporting 0 of 2 families — has room",
            ],
            candidate.Reasons);
    }

    [Fact]
    public void The_parts_add_up_to_the_score()
    {
        var request = Request() with { Interests = ["art", "walking"], ExperiencesSought = ["sibling-group"] };

        var candidate = Assert.Single(Run(request, Mentor("m1") with { Interests = ["art"], ActiveMatches = 1 }).Candidates);

        Assert.Equal(candidate.Score, candidate.Parts.Sum(p => p.Points), 0.5);
        var interests = Assert.Single(candidate.Parts, p => p.Criterion == MatchCriterion.Interests);
        Assert.Equal(0.5, interests.Fit);
        Assert.Equal(MatchingWeights.Default.Interests, interests.Weight);
    }

    [Fact]
    public void Criteria_the_request_says_nothing_about_do_not_count()
    {
        var candidate = Assert.Single(Run(Request(), Mentor("m1")).Candidates);

        Assert.Equal(
            [MatchCriterion.Language, MatchCriterion.Locality, MatchCriterion.LoadBalance],
            candidate.Parts.Select(p => p.Criterion));
        Assert.Equal(100, candidate.Score);
    }

    [Fact]
    public void Gaps_are_explained_too()
    {
        var request = Request() with { Interests = ["art"], ExperiencesSought = ["sibling-group", "early-placement"], PostcodeDistrict = "TQ2" };

        var candidate = Assert.Single(Run(request, Mentor("m1") with { Experiences = ["early-placement"] }).Candidates);

        Assert.Contains("Has experience of early placement (not sibling group)", candidate.Reasons);
        Assert.Contains("No shared interests", candidate.Reasons);
        Assert.Contains("Different postcode area: EX vs TQ", candidate.Reasons);
    }

    [Fact]
    public void The_same_area_scores_between_the_same_district_and_another_area()
    {
        var shortlist = Run(
            Request() with { PostcodeDistrict = "EX1" },
            Mentor("same-district"),
            Mentor("same-area") with { PostcodeDistrict = "EX4" },
            Mentor("elsewhere") with { PostcodeDistrict = "TQ2" });

        Assert.Equal(["same-district", "same-area", "elsewhere"], shortlist.Candidates.Select(c => c.MentorId));
        Assert.Contains("Same postcode area (EX)", shortlist.Candidates[1].Reasons);
    }

    [Fact]
    public void A_mentor_with_room_scores_higher_for_load_balance()
    {
        var shortlist = Run(Request(), Mentor("busy") with { ActiveMatches = 1 }, Mentor("free"));

        Assert.Equal(["free", "busy"], shortlist.Candidates.Select(c => c.MentorId));
        Assert.Contains("Supporting 1 of 2 families — has room", shortlist.Candidates[1].Reasons);
    }

    [Fact]
    public void Scores_stay_within_0_and_100_whatever_the_weights()
    {
        var random = new Random(7);
        string[] tags = ["a", "b", "c", "d"];
        for (var round = 0; round < 500; round++)
        {
            string[] Some() => [.. tags.Where(_ => random.Next(2) == 0)];
            var request = Request() with
            {
                Interests = Some(),
                ExperiencesSought = Some(),
                LearningStyles = Some(),
                PostcodeDistrict = random.Next(3) == 0 ? null : "EX1",
            };
            var mentor = Mentor("m") with
            {
                Interests = Some(),
                Experiences = Some(),
                LearningStyles = Some(),
                ActiveMatches = random.Next(0, 2),
                PostcodeDistrict = random.Next(2) == 0 ? "EX9" : "TQ1",
            };
            var weights = new MatchingWeights
            {
                Experience = random.Next(0, 100),
                Interests = random.Next(0, 100),
                LearningStyle = random.Next(0, 100),
                Language = random.Next(0, 100),
                Locality = random.Next(0, 100),
                LoadBalance = random.Next(0, 100),
            };

            var candidate = Assert.Single(Matcher.Shortlist(request, [mentor], weights, Today).Candidates);

            Assert.InRange(candidate.Score, 0, 100);
            Assert.All(candidate.Parts, p => Assert.InRange(p.Fit, 0, 1));
        }
    }

    [Fact]
    public void All_weights_zero_gives_every_candidate_a_score_of_zero()
    {
        var weights = new MatchingWeights { Experience = 0, Interests = 0, LearningStyle = 0, Language = 0, Locality = 0, LoadBalance = 0 };

        var candidate = Assert.Single(Matcher.Shortlist(Request(), [Mentor("m1")], weights, Today).Candidates);

        Assert.Equal(0, candidate.Score);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_negative_or_non_finite_weight_is_refused(double weight)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new MatchingWeights { Interests = weight });

        Assert.Equal("Interests", error.ParamName);
    }
}
