using Microsoft.DurableTask.Client;

namespace PeerFlow.Orchestrations.Starts;

/// <summary>
/// A workflow's status as people should be told it. DurableTask.AzureStorage commits an episode's history first and
/// the instance's row after it; a host that dies between the two leaves a started workflow's row "Pending", and later
/// episodes merge into that row without a status, so it says Pending until the next stage (a ContinueAsNew) while the
/// workflow runs, reminds and escalates. Seen in the crash runs (docs/reliability.md). Only a running workflow writes a
/// custom status, so a Pending row that has one is a running workflow.
/// </summary>
public static class WorkflowInstances
{
    /// <summary>The referral workflow's status, or null when it has no instance.</summary>
    public static async Task<WorkflowStatus?> GetWorkflowAsync(this DurableTaskClient workflows, string instanceId, CancellationToken cancellationToken)
    {
        var instance = await workflows.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (instance?.RuntimeStatus == OrchestrationRuntimeStatus.Pending)
        {
            // Not every backend returns the custom status without the inputs; the input is ids only.
            instance = await workflows.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        }

        return instance is null ? null : new WorkflowStatus(StatusOf(instance), instance.CreatedAt, instance.LastUpdatedAt);
    }

    /// <summary>How long a start may wait to be taken up before it is taken for lost (<see cref="NeverStarted"/>).</summary>
    public static readonly TimeSpan StartOverdue = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A start no worker took up: the row is Pending, no episode has run (no custom status), and it was created
    /// <see cref="StartOverdue"/> ago by the engine's clock. Its start message is gone (Azurite loses what it had not
    /// saved when killed), so it would wait for ever and no sweep for failed workflows would see it. The metadata must
    /// be read with its inputs, for the custom status.
    /// </summary>
    public static bool NeverStarted(OrchestrationMetadata instance, DateTimeOffset engineNow) =>
        instance.RuntimeStatus == OrchestrationRuntimeStatus.Pending && !HasRun(instance) && engineNow - instance.CreatedAt >= StartOverdue;

    private static OrchestrationRuntimeStatus StatusOf(OrchestrationMetadata instance) =>
        instance.RuntimeStatus == OrchestrationRuntimeStatus.Pending && HasRun(instance) ? OrchestrationRuntimeStatus.Running : instance.RuntimeStatus;

    /// <summary>The engine writes the literal "null" where an episode set no custom status.</summary>
    private static bool HasRun(OrchestrationMetadata instance) =>
        instance.SerializedCustomStatus is { Length: > 0 } status && status != "null";
}

/// <summary>
/// The clock the engine stamps instances with (real UTC, also where the sandbox clock has moved on: the sandbox moves
/// PeerFlow's time and its held timers, not DurableTask.AzureStorage's timestamps). A type of its own, so that dependency
/// injection never hands PeerFlow's <see cref="TimeProvider"/> in its place.
/// </summary>
public sealed record EngineClock(TimeProvider Time)
{
    public static EngineClock System { get; } = new(TimeProvider.System);

    public DateTimeOffset Now => Time.GetUtcNow();
}

public sealed record WorkflowStatus(OrchestrationRuntimeStatus RuntimeStatus, DateTimeOffset CreatedAt, DateTimeOffset LastUpdatedAt)
{
    public bool IsRunning => RuntimeStatus == OrchestrationRuntimeStatus.Running;
}
