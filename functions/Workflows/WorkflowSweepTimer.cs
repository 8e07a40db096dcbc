using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using PeerFlow.Orchestrations.Starts;
using PeerFlow.Web.Hosting;

namespace PeerFlow.Functions.Workflows;

/// <summary>The workflow sweeper in Azure: every 30 seconds, on whichever instance the timer runs (a timer trigger runs once per app).</summary>
public sealed class WorkflowSweepTimer(LifecycleStarts starts, PeerFlow.Domain.Storage.PeerFlowStore store, TimeProvider time, ILogger<WorkflowSweepTimer> logger)
{
    [Function(nameof(SweepWorkflows))]
    public Task SweepWorkflows([TimerTrigger("*/30 * * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient workflows, CancellationToken cancellationToken) =>
        WorkflowSweep.RunAsync(() => starts, () => store, workflows, time, logger, cancellationToken);
}
