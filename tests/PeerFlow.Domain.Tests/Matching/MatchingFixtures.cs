using PeerFlow.Domain.Matching;

namespace PeerFlow.Domain.Tests.Matching;

/// <summary>A mentor and a request that pass every hard filter, so each test changes only what it is about.</summary>
internal static class MatchingFixtures
{
    public static readonly DateOnly Today = new(2026, 3, 10);

    public static MentorProfile Mentor(string id) => new(id, $"Mentor {id}")
    {
        DbsCheckExpires = Today.AddYears(2),
        TrainingCompleted = true,
        PostcodeDistrict = "EX1",
        Availability = ["weekday-evening", "weekend"],
        Languages = ["English"],
        Gender = "female",
    };

    public static MatchRequest Request() => new("ref-1", "family-1")
    {
        PostcodeDistrict = "EX1",
        Availability = ["weekend"],
        Languages = ["English"],
    };

    public static Shortlist Run(MatchRequest request, params MentorProfile[] mentors) =>
        Matcher.Shortlist(request, mentors, MatchingWeights.Default, Today);

    public static ExcludedMentor ExcludedOnly(Shortlist shortlist)
    {
        Assert.Empty(shortlist.Candidates);
        return Assert.Single(shortlist.Excluded);
    }
}
