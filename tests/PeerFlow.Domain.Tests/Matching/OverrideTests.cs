using PeerFlow.Domain.Matching;
using static PeerFlow.Domain.Tests.Matching.MatchingFixtures;

namespace PeerFlow.Domain.Tests.Matching;

/// <summary>What a coordinator may set aside with a reason, what never, and the scheme's neighbouring areas.</summary>
public class OverrideTests
{
    public static TheoryData<string, string> Overridable() => new()
    {
        { "capacity", "At capacity: 2 of 2 families" },
        { "area", "Not local: EX vs TQ" },
        { "times", "Not available at the times needed" },
        { "language", "No shared language" },
        { "gender", "Prefers a male mentor" },
    };

    [Theory]
    [MemberData(nameof(Overridable))]
    public void TheFamilysStatedNeedsAndCapacity_CanBeSetAside(string what, string reason)
    {
        var excluded = ExcludedOnly(Run(RequestFor(what), MentorFor(what)));

        Assert.Equal([reason], excluded.Reasons);
        Assert.True(excluded.CanOverride);
        Assert.Equal(what == "capacity", excluded.ExcludedOnlyForCapacity);
    }

    public static TheoryData<string> Safety() => ["paused", "dbs", "training", "conflict", "paired"];

    [Theory]
    [MemberData(nameof(Safety))]
    public void Safety_IsNeverSetAside_EvenBesideAReasonThatCouldBe(string what)
    {
        var mentor = what switch
        {
            "paused" => Mentor("m1") with { Active = false },
            "dbs" => Mentor("m1") with { DbsCheckExpires = Today },
            "training" => Mentor("m1") with { TrainingCompleted = false },
            "conflict" => Mentor("m1") with { ConflictsOfInterest = ["ref-1"] },
            _ => Mentor("m1"),
        };
        var request = Request() with { ExcludedMentorIds = what == "paired" ? ["m1"] : [] };

        Assert.False(ExcludedOnly(Run(request, mentor)).CanOverride);
        Assert.False(ExcludedOnly(Run(request, mentor with { ActiveMatches = 2 })).CanOverride);
    }

    [Fact]
    public void TheSchemesNeighbouringAreas_CountAsLocal_AndNoOthers()
    {
        var request = Request() with { MeetsInPerson = true, PostcodeDistrict = "TQ12", NeighbouringAreas = ["EX", "PL"] };

        Assert.Equal("m1", Assert.Single(Run(request, Mentor("m1") with { PostcodeDistrict = "EX4" }).Candidates).MentorId);
        Assert.Equal(["Not local: TR vs TQ"], ExcludedOnly(Run(request, Mentor("m1") with { PostcodeDistrict = "TR1" })).Reasons);
    }

    private static MatchRequest RequestFor(string what) => what switch
    {
        "area" => Request() with { MeetsInPerson = true, PostcodeDistrict = "TQ12" },
        "times" => Request() with { Availability = ["weekday-daytime"] },
        "language" => Request() with { Languages = ["Polish"] },
        "gender" => Request() with { PreferredGender = "male" },
        _ => Request(),
    };

    private static MentorProfile MentorFor(string what) => what switch
    {
        "capacity" => Mentor("m1") with { ActiveMatches = 2 },
        "area" => Mentor("m1") with { PostcodeDistrict = "EX4" },
        _ => Mentor("m1"),
    };
}
