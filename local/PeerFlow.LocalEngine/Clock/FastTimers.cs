using DurableTask.Core;
using DurableTask.Core.History;

namespace PeerFlow.LocalEngine.Clock;

/// <summary>
/// The backend under a <see cref="FastClock"/>: each durable timer an orchestration sets for a workflow instant is
/// handed to the backend for the real instant at which the fast clock reaches it, so the queue's own delay fires it
/// on time on whichever host holds the instance's partition then. The history keeps the workflow instant.
/// </summary>
public sealed class FastTimers(IOrchestrationService inner, FastClock clock) : OrchestrationServiceDecorator(inner)
{
    public override Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        // A message of its own, not the event the runtime state may hold on to.
        var real = timerMessages
            .Select(m => m.Event is TimerFiredEvent fired
                ? new TaskMessage
                {
                    OrchestrationInstance = m.OrchestrationInstance,
                    SequenceNumber = m.SequenceNumber,
                    Event = new TimerFiredEvent(fired.EventId, fired.Timestamp) { TimerId = fired.TimerId, FireAt = clock.ToRealTime(fired.FireAt) },
                }
                : m)
            .ToList();
        return Inner.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, real, continuedAsNewMessage, orchestrationState);
    }
}
