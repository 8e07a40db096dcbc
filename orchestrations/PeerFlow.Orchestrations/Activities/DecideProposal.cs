using Microsoft.DurableTask;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Storage;

namespace PeerFlow.Orchestrations.Activities;

/// <summary>
/// The proposal's fate as stored. With a claim (a signal's answer, a closure, or the window's end) the claim is
/// written first if nothing is stored yet; whatever was written first comes back, so the workflow always acts on the
/// answer the person who gave it was told was kept.
/// </summary>
public sealed class DecideProposal(PeerFlowStore store, ProposalAnswers answers) : TaskActivity<ProposalClaim, ProposalFate>
{
    public override async Task<ProposalFate> RunAsync(TaskActivityContext context, ProposalClaim claim)
    {
        var match = claim.Answer is { } answer
            ? (await answers.RecordAsync(claim.ReferralId, claim.MatchId, answer, CancellationToken.None)).Match
            : (await store.Matches.GetAsync(claim.ReferralId, claim.MatchId, CancellationToken.None))?.Value;
        var referral = (await store.Referrals.GetAsync(claim.ReferralId, "", CancellationToken.None))?.Value;
        return new ProposalFate(match?.Answer ?? Settled(match), referral?.ClosureRequestedAt is not null);
    }

    /// <summary>A proposal settled before answers were kept on the match row: its status says how.</summary>
    private static MatchAnswer? Settled(Match? match) => match?.Status switch
    {
        MatchStatus.Active or MatchStatus.BrokenDown => MatchAnswer.Accepted,
        MatchStatus.Declined => MatchAnswer.Declined,
        MatchStatus.Expired => MatchAnswer.Expired,
        MatchStatus.Ended => MatchAnswer.Withdrawn,
        _ => null,
    };
}
