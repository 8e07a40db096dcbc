using PeerFlow.Domain.Referrals;
using Microsoft.DurableTask;

namespace PeerFlow.Orchestrations.Activities;

/// <summary>Proposes the best remaining candidate after a decline or no answer; null when nobody suitable is free.</summary>
public sealed class ProposeNextCandidate(MatchProposals proposals) : TaskActivity<string, string?>
{
    public override async Task<string?> RunAsync(TaskActivityContext context, string referralId) =>
        (await proposals.ProposeBestAsync(referralId, CancellationToken.None))?.Id;
}
