using PeerFlow.Domain.Matching;
using static PeerFlow.Domain.Tests.Matching.MatchingFixtures;

namespace PeerFlow.Domain.Tests.Matching;

public class HardFilterTests
{
    [Fact]
    public void A_mentor_who_passes_every_filter_is_a_candidate()
    {
        var shortlist = Run(Request(), Mentor("m1"));

        Assert.Equal("m1", Assert.Single(shortlist.Candidates).MentorId);
        Assert.Empty(shortlist.Excluded);
    }

    [Fact]
    public void A_paused_mentor_is_excluded_as_paused()
    {
        var excluded = ExcludedOnly(Run(Request(), Mentor("m1") with { Active = false }));

        Assert.Equal(["Paused"], excluded.Reasons);
    }

    [Fact]
    public void A_mentor_at_capacity_is_excluded_with_the_count()
    {
        var excluded = ExcludedOnly(Run(Request(), Mentor("m1") with { ActiveMatches = 2 }));

        Assert.Equal(["At capacity: 2 of 2 families"], excluded.Reasons);
    }

    [Fact]
    public void A_mentor_with_capacity_for_one_is_at_capacity_with_one_family()
    {
        var excluded = ExcludedOnly(Run(Request(), Mentor("m1") with { Capacity = 1, ActiveMatches = 1 }));

        Assert.Equal(["At capacity: 1 of 1 family"], excluded.Reasons);
    }

    [Fact]
    public void An_expired_dbs_check_excludes_with_its_date()
    {
        var excluded = ExcludedOnly(Run(Request(), Mentor("m1") with { DbsCheckExpires = new DateOnly(2026, 3, 3) }));

        Assert.Equal(["DBS check expired on 3 March 2026"], excluded.Reasons);
    }

    [Fact]
    public void A_dbs_check_expiring_today_no_longer_counts()
    {
        var excluded = ExcludedOnly(Run(Request(), Mentor("m1") with { DbsCheckExpires = Today }));

        Assert.Equal(["DBS check expired on 10 March 2026"], excluded.Reasons);
    }

    [Fact]
    public void A_mentor_with_no_dbs_check_on_record_is_excluded()
    {
        var excluded = ExcludedOnly(Run(Request(), Mentor("m1") with { DbsCheckExpires = null }));

        Assert.Equal(["No DBS check on record"], excluded.Reasons);
    }

    [Fact]
    public void Training_not_completed_excludes()
    {
        var excluded = ExcludedOnly(Run(Request(), Mentor("m1") with { TrainingCompleted = false }));

        Assert.Equal(["Training not completed"], excluded.Reasons);
    }

    [Fact]
    public void Expired_training_excludes_with_its_date()
    {
        var excluded = ExcludedOnly(Run(Request(), Mentor("m1") with { TrainingExpires = new DateOnly(2025, 12, 1) }));

        Assert.Equal(["Training expired on 1 December 2025"], excluded.Reasons);
    }

    [Fact]
    public void A_stated_gender_preference_excludes_other_mentors()
    {
        var request = Request() with { PreferredGender = "female" };

        var shortlist = Run(request, Mentor("m1") with { Gender = "male" }, Mentor("m2"), Mentor("m3") with { Gender = null });

        Assert.Equal(["m2"], shortlist.Candidates.Select(c => c.MentorId));
        Assert.All(shortlist.Excluded, e => Assert.Equal(["Prefers a female mentor"], e.Reasons));
        Assert.Equal(["m1", "m3"], shortlist.Excluded.Select(e => e.MentorId));
    }

    [Fact]
    public void Gender_preference_is_compared_without_regard_to_case()
    {
        var shortlist = Run(Request() with { PreferredGender = "Female" }, Mentor("m1") with { Gender = "FEMALE " });

        Assert.Single(shortlist.Candidates);
    }

    [Fact]
    public void A_mentor_with_no_time_in_common_is_excluded()
    {
        var request = Request() with { Availability = ["weekday-daytime"] };

        var excluded = ExcludedOnly(Run(request, Mentor("m1")));

        Assert.Equal(["Not available at the times needed"], excluded.Reasons);
    }

    [Fact]
    public void No_availability_on_the_request_means_any_time_will_do()
    {
        var shortlist = Run(Request() with { Availability = [] }, Mentor("m1") with { Availability = [] });

        Assert.Single(shortlist.Candidates);
    }

    [Theory]
    [InlineData("ref-1")]
    [InlineData("family-1")]
    public void A_conflict_of_interest_with_the_referral_or_the_family_excludes(string conflict)
    {
        var excluded = ExcludedOnly(Run(Request(), Mentor("m1") with { ConflictsOfInterest = [conflict] }));

        Assert.Equal(["Conflict of interest"], excluded.Reasons);
    }

    [Fact]
    public void Meeting_in_person_excludes_a_mentor_in_another_postcode_area()
    {
        var request = Request() with { MeetsInPerson = true, PostcodeDistrict = "TQ2" };

        var excluded = ExcludedOnly(Run(request, Mentor("m1") with { PostcodeDistrict = "EX1" }));

        Assert.Equal(["Not local: EX vs TQ"], excluded.Reasons);
    }

    [Fact]
    public void Meeting_in_person_accepts_another_district_in_the_same_area()
    {
        var request = Request() with { MeetsInPerson = true, PostcodeDistrict = "ex4" };

        var shortlist = Run(request, Mentor("m1") with { PostcodeDistrict = "EX10 3AB" });

        Assert.Single(shortlist.Candidates);
    }

    [Fact]
    public void Meeting_in_person_excludes_a_mentor_whose_postcode_is_not_recorded()
    {
        var request = Request() with { MeetsInPerson = true };

        var excluded = ExcludedOnly(Run(request, Mentor("m1") with { PostcodeDistrict = null }));

        Assert.Equal(["Not local: the mentor's postcode is not recorded"], excluded.Reasons);
    }

    [Fact]
    public void Support_not_in_person_can_come_from_any_area()
    {
        var request = Request() with { MeetsInPerson = false, PostcodeDistrict = "TQ2" };

        var shortlist = Run(request, Mentor("m1") with { PostcodeDistrict = "EX1" });

        Assert.Single(shortlist.Candidates);
    }

    [Fact]
    public void A_mentor_with_no_language_in_common_is_excluded()
    {
        var request = Request() with { Languages = ["Polish", "Romanian"] };

        var excluded = ExcludedOnly(Run(request, Mentor("m1") with { Languages = ["English"] }));

        Assert.Equal(["No shared language"], excluded.Reasons);
    }

    [Fact]
    public void One_language_in_common_is_enough()
    {
        var request = Request() with { Languages = ["Polish", "English"] };

        Assert.Single(Run(request, Mentor("m1") with { Languages = ["english"] }).Candidates);
    }

    [Fact]
    public void A_pairing_that_broke_down_excludes_the_mentor()
    {
        var excluded = ExcludedOnly(Run(Request() with { ExcludedMentorIds = ["m1"] }, Mentor("m1")));

        Assert.Equal(["Previously paired with this family — the match broke down"], excluded.Reasons);
    }

    [Fact]
    public void A_mentor_who_declined_is_excluded_as_declined()
    {
        var request = Request() with { DeclinedMentorIds = ["m1"], ExcludedMentorIds = ["m1"] };

        var excluded = ExcludedOnly(Run(request, Mentor("m1")));

        Assert.Equal(["Previously proposed for this family — the mentor declined"], excluded.Reasons);
    }

    [Fact]
    public void Every_failed_filter_is_reported_not_just_the_first()
    {
        var request = Request() with
        {
            PreferredGender = "female",
            Availability = ["weekday-daytime"],
            Languages = ["Polish"],
            MeetsInPerson = true,
            PostcodeDistrict = "TQ2",
            ExcludedMentorIds = ["m1"],
        };
        var mentor = Mentor("m1") with
        {
            Active = false,
            ActiveMatches = 2,
            DbsCheckExpires = new DateOnly(2026, 3, 3),
            TrainingCompleted = false,
            Gender = "male",
            ConflictsOfInterest = ["family-1"],
        };

        var excluded = ExcludedOnly(Run(request, mentor));

        Assert.Equal(
            [
                "Paused",
                "Previously paired with this family — the match broke down",
                "Conflict of interest",
                "DBS check expired on 3 March 2026",
                "Training not completed",
                "At capacity: 2 of 2 families",
                "Prefers a female mentor",
                "Not available at the times needed",
                "Not local: EX vs TQ",
                "No shared language",
            ],
            excluded.Reasons);
        Assert.False(excluded.ExcludedOnlyForCapacity);
    }
}
