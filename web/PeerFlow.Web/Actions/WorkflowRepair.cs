using PeerFlow.Domain.Workflow;
using PeerFlow.Orchestrations.Starts;
using PeerFlow.Web.Api;

namespace PeerFlow.Web.Actions;

/// <summary>Managers restart a stopped or lost workflow from the referral's records, one referral or all at once.</summary>
public sealed class WorkflowRepair(ApiServices services, LifecycleStarts starts)
{
    public async Task<ActionOutcome> RestartAsync(string id, CancellationToken cancellationToken)
    {
        var result = await starts.RestartAsync(id, services.Workflows, cancellationToken);
        switch (result)
        {
            case RestartResult.NoReferral:
                return ActionOutcome.Missing;
            case RestartResult.Closed:
                return ActionOutcome.NotPossible("The referral is closed: it has no workflow to restart.");
            case RestartResult.Running:
                return ActionOutcome.NotPossible("The referral's workflow is running: there is nothing to restart.");
            default:
                await Audit.RecordAsync(services, id, "restarted the workflow from the records", cancellationToken);
                return ActionOutcome.Done();
        }
    }

    /// <summary>Every open referral whose workflow is missing, failed or terminated; returns their ids.</summary>
    public async Task<IReadOnlyList<string>> RepairAllAsync(CancellationToken cancellationToken)
    {
        var restarted = await starts.RepairAllAsync(services.Workflows, cancellationToken);
        foreach (var id in restarted)
        {
            await Audit.RecordAsync(services, id, "restarted the workflow from the records (repair of all)", cancellationToken);
        }

        return restarted;
    }

    /// <summary>Open referrals whose workflow stopped, for the dashboard.</summary>
    public async Task<IReadOnlyList<StoppedWorkflow>> StoppedAsync(CancellationToken cancellationToken) =>
        [.. (await services.Store.Stopped.PartitionAsync(StoppedWorkflow.Partition, cancellationToken)).Select(s => s.Value).OrderBy(s => s.StoppedAt)];
}
