using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Storage;
using Microsoft.DurableTask;

namespace PeerFlow.Orchestrations.Activities;

/// <summary>Keeps the referral record's stage in step with the workflow, for lists and the dashboard.</summary>
public sealed class SetStage(PeerFlowStore store) : TaskActivity<StageChange, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, StageChange change)
    {
        var updated = await store.Referrals.UpdateAsync(
            change.ReferralId, "", r => r.Stage == change.Stage ? r : r with { Stage = change.Stage }, MatchProposals.ReferralColumns, CancellationToken.None);
        return updated is not null;
    }
}
