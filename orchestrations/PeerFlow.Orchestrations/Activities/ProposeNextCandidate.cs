using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;
using Microsoft.DurableTask;

namespace PeerFlow.Orchestrations.Activities;

/// <summary>
/// After a decline or no answer: proposes the best remaining candidate where the scheme re-proposes automatically;
/// null when it does not (the referral is back with the coordinator) or nobody suitable is free.
/// </summary>
public sealed class ProposeNextCandidate(MatchProposals proposals, PeerFlowStore store, SchemeCatalog schemes) : TaskActivity<string, string?>
{
    public override async Task<string?> RunAsync(TaskActivityContext context, string referralId)
    {
        var (_, policy) = await PolicyOf.ReferralAsync(store, schemes, referralId);
        return policy.AutoReproposal ? (await proposals.ProposeBestAsync(referralId, CancellationToken.None))?.Id : null;
    }
}
