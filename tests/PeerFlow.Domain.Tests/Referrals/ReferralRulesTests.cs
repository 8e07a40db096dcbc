using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;

namespace PeerFlow.Domain.Tests.Referrals;

/// <summary>Which stage allows which action: the one table that actions, pages and links ask.</summary>
public class ReferralRulesTests
{
    private static Referral At(ReferralStage stage) => new()
    {
        Id = "r1",
        Reference = "FC-2027-0001",
        SchemeId = "foster-mentoring",
        PolicyVersion = 1,
        Stage = stage,
        Outcome = stage is ReferralStage.Matching or ReferralStage.Active ? AssessmentOutcome.Suitable : null,
        CurrentMatchId = stage == ReferralStage.Active ? "m1" : null,
    };

    [Theory]
    [InlineData(ReferralStage.Assessment, new[] { ReferralAction.RecordAssessment, ReferralAction.Close })]
    [InlineData(ReferralStage.Deferred, new[] { ReferralAction.Recontact, ReferralAction.Close })]
    [InlineData(ReferralStage.Matching, new[] { ReferralAction.ProposeMentor, ReferralAction.ReviseNeeds, ReferralAction.Close })]
    [InlineData(ReferralStage.Active, new[] { ReferralAction.RecordFirstMeeting, ReferralAction.LogCheckIn, ReferralAction.RecordBreakdown, ReferralAction.ReviseNeeds, ReferralAction.Close, ReferralAction.MenteeVoice })]
    [InlineData(ReferralStage.Closing, new ReferralAction[0])]
    [InlineData(ReferralStage.Closed, new ReferralAction[0])]
    public void Each_stage_allows_its_own_actions_and_refuses_the_rest_with_a_reason(ReferralStage stage, ReferralAction[] allowed)
    {
        var referral = At(stage);
        foreach (var action in Enum.GetValues<ReferralAction>())
        {
            var refusal = ReferralRules.Refusal(referral, action);
            if (allowed.Contains(action))
            {
                Assert.Null(refusal);
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(refusal), $"{action} at {stage} is refused without a reason");
            }
        }
    }

    [Fact]
    public void What_happened_already_is_not_allowed_again_and_a_link_for_an_old_match_is_refused()
    {
        var active = At(ReferralStage.Active);
        Assert.False((active with { FirstMeetingAt = DateTime.UtcNow }).Allows(ReferralAction.RecordFirstMeeting));
        Assert.True(active.Allows(ReferralAction.LogCheckIn, "m1"));
        Assert.False(active.Allows(ReferralAction.LogCheckIn, "m0"));
        Assert.False(active.Allows(ReferralAction.MenteeVoice, "m0"));

        // A closure asked for while matching: no more proposals, and the needs of a deferred referral stay as assessed.
        Assert.False((At(ReferralStage.Matching) with { ClosureRequestedAt = DateTime.UtcNow }).Allows(ReferralAction.ProposeMentor));
        Assert.False((At(ReferralStage.Matching) with { Outcome = AssessmentOutcome.Deferred }).Allows(ReferralAction.ReviseNeeds));
    }

    [Theory]
    [InlineData(AssessmentOutcome.Suitable, ReferralStage.Matching)]
    [InlineData(AssessmentOutcome.Deferred, ReferralStage.Deferred)]
    [InlineData(AssessmentOutcome.NotSuitable, ReferralStage.Closing)]
    [InlineData(AssessmentOutcome.Withdrawn, ReferralStage.Closing)]
    public void An_assessment_leads_to_its_stage(AssessmentOutcome outcome, ReferralStage next) =>
        Assert.Equal(next, ReferralRules.AfterAssessment(outcome));
}
