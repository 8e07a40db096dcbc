using System.Runtime.CompilerServices;
using DurableTask.Core;
using DurableTask.Core.History;

namespace PeerFlow.LocalEngine.Clock;

/// <summary>
/// The backend as the sidecar sees it, with every durable timer taken out of the commit and held by
/// <see cref="HeldTimers"/> until the sandbox clock reaches it; and a note of what is in flight, so that the clock
/// knows when the engine has settled. Everything else passes straight through.
/// </summary>
public sealed class ClockedOrchestrationService(IOrchestrationService inner, HeldTimers held, WorkInFlight inFlight) : OrchestrationServiceDecorator(inner)
{
    private readonly ConditionalWeakTable<TaskOrchestrationWorkItem, string> generations = [];

    public override async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await Inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);
        if (workItem?.OrchestrationRuntimeState?.OrchestrationInstance?.ExecutionId is { } executionId)
        {
            // The sidecar swaps the work item's runtime state on ContinueAsNew: remember the generation it came in with.
            generations.AddOrUpdate(workItem, executionId);
        }

        return workItem!;
    }

    public override async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        var instanceId = workItem.InstanceId;
        var executionId = newOrchestrationRuntimeState.OrchestrationInstance?.ExecutionId ?? "";
        var timers = timerMessages
            .Where(m => m.Event is TimerFiredEvent)
            .Select(m => new HeldTimer(m.OrchestrationInstance.InstanceId, m.OrchestrationInstance.ExecutionId ?? executionId, ((TimerFiredEvent)m.Event).TimerId, ((TimerFiredEvent)m.Event).FireAt))
            .ToList();

        // Held before the commit: a crash in between leaves a timer held twice (harmless), never one lost.
        await held.HoldAsync(timers);
        var newGeneration = generations.TryGetValue(workItem, out var before) && before != executionId;
        var scheduled = outboundMessages.Select(m => m.Event).OfType<TaskScheduledEvent>().Select(e => e.EventId).ToList();
        if (newGeneration)
        {
            inFlight.NewGeneration(instanceId, scheduled);
        }
        else
        {
            foreach (var id in scheduled)
            {
                inFlight.ActivityScheduled(instanceId, id);
            }
        }

        await Inner.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, [], continuedAsNewMessage, orchestrationState);

        foreach (var message in workItem.NewMessages ?? [])
        {
            switch (message.Event)
            {
                case TimerFiredEvent fired:
                    inFlight.TimerDelivered(instanceId, fired.TimerId);
                    break;
                case TaskCompletedEvent completed:
                    inFlight.ActivityDelivered(instanceId, completed.TaskScheduledId);
                    break;
                case TaskFailedEvent failed:
                    inFlight.ActivityDelivered(instanceId, failed.TaskScheduledId);
                    break;
                case ExecutionStartedEvent or EventRaisedEvent:
                    inFlight.MessageDelivered(instanceId);
                    break;
            }
        }

        var finished = newOrchestrationRuntimeState.OrchestrationStatus is OrchestrationStatus.Completed
            or OrchestrationStatus.Failed or OrchestrationStatus.Terminated or OrchestrationStatus.Canceled;
        if (finished)
        {
            inFlight.Finished(instanceId);
        }

        if (finished || newGeneration)
        {
            await held.ForgetAsync(instanceId, finished ? null : executionId);
        }
    }

    public override Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        generations.Remove(workItem);
        return Inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);
    }
}
