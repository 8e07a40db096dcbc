using PeerFlow.Domain.Records;

namespace PeerFlow.Domain.Referrals;

/// <summary>What staff, mentors and mentees can do to a referral.</summary>
public enum ReferralAction
{
    RecordAssessment,
    Recontact,
    ProposeMentor,
    RecordFirstMeeting,
    LogCheckIn,
    RecordBreakdown,
    ReviseNeeds,
    Close,

    /// <summary>A mentee's worry or request for a change, through the link in their match email.</summary>
    MenteeVoice,
}

/// <summary>
/// The referral's rules in one place: which action each stage allows, the reason given when it does not, and the
/// stage each decision leads to. Actions, pages, emailed links and the workflow ask here instead of each comparing
/// stages; the records are the truth, so the rules read a <see cref="Referral"/> as stored.
/// </summary>
public static class ReferralRules
{
    /// <summary>Why <paramref name="action"/> is not possible for <paramref name="referral"/> as it is now; null when it is.</summary>
    /// <param name="matchId">For an action on a match (a mentor's or mentee's link): the match it is about.</param>
    public static string? Refusal(Referral referral, ReferralAction action, string? matchId = null)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var stage = referral.Stage;
        return action switch
        {
            ReferralAction.RecordAssessment when stage != ReferralStage.Assessment => $"The referral is at {stage}, not awaiting assessment.",
            ReferralAction.Recontact when stage != ReferralStage.Deferred => "Only a deferred referral can be taken back to assessment.",
            ReferralAction.ProposeMentor when stage != ReferralStage.Matching || referral.ClosureRequestedAt is not null => "Mentors are proposed while a referral is being matched.",
            ReferralAction.RecordFirstMeeting when stage != ReferralStage.Active => "Only an active match has a first meeting to record.",
            ReferralAction.RecordFirstMeeting when referral.FirstMeetingAt is not null => "The first meeting is already recorded.",
            ReferralAction.LogCheckIn when stage != ReferralStage.Active || referral.CurrentMatchId is null => "Check-ins are logged for active matches.",
            ReferralAction.LogCheckIn when matchId is not null && referral.CurrentMatchId != matchId => "This match is no longer active, so there is nothing to check in on.",
            ReferralAction.RecordBreakdown when stage != ReferralStage.Active => "Only an active match can break down.",
            ReferralAction.ReviseNeeds when referral.Outcome != AssessmentOutcome.Suitable || stage is not (ReferralStage.Matching or ReferralStage.Active) =>
                "Needs are revised once a referral has been assessed as suitable, while it is being matched or supported.",
            ReferralAction.Close when IsClosing(referral) => "The referral is already closing or closed.",
            ReferralAction.MenteeVoice when stage != ReferralStage.Active || (matchId is not null && referral.CurrentMatchId != matchId) =>
                "This match has ended. If something is worrying you, please contact your coordinator.",
            _ => null,
        };
    }

    public static bool Allows(this Referral referral, ReferralAction action, string? matchId = null) => Refusal(referral, action, matchId) is null;

    /// <summary>Closing or closed: nothing but the closure's own steps happens to it any more.</summary>
    public static bool IsClosing(Referral referral) => referral?.Stage is ReferralStage.Closing or ReferralStage.Closed;

    /// <summary>Where an assessment leads: matching, deferral until re-contact, or closure.</summary>
    public static ReferralStage AfterAssessment(AssessmentOutcome outcome) => outcome switch
    {
        AssessmentOutcome.Suitable => ReferralStage.Matching,
        AssessmentOutcome.Deferred => ReferralStage.Deferred,
        _ => ReferralStage.Closing,
    };
}
