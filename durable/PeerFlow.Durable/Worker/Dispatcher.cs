using Microsoft.Extensions.Options;
using PeerFlow.Durable.History;
using PeerFlow.Durable.Storage;

namespace PeerFlow.Durable.Worker;

/// <summary>
/// What happens after an episode is committed: wake-ups for timers, child instances, the parent's notice.
/// Every step is idempotent, because recovery repeats them when a worker died half-way.
/// </summary>
internal sealed class Dispatcher(IInstanceStore store, IWorkQueue queue, TimeProvider time, IOptions<DurableOptions> options)
{
    private readonly DurableOptions options = options.Value;

    public async Task ScheduleTimerAsync(string instanceId, int generation, TimerCreated timer, CancellationToken cancellationToken)
    {
        var delay = timer.FireAt - time.GetUtcNow().UtcDateTime;
        if (delay > options.LongTimerThreshold)
        {
            await store.ScheduleTimerAsync(new TimerEntry(instanceId, generation, timer.TaskId, timer.FireAt), cancellationToken);
            return;
        }

        await queue.SendAsync(instanceId, WakeupDelay(delay), cancellationToken);
    }

    /// <summary>
    /// Early by up to the hold window, so a worker is already holding the instance when the timer falls due; rounded
    /// up to whole seconds (the queue's granularity) so that, with no hold window, a wake-up never comes early.
    /// </summary>
    public TimeSpan WakeupDelay(TimeSpan untilDue)
    {
        var early = untilDue - options.TimerHoldWindow;
        return early <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Ceiling(early.TotalSeconds));
    }

    public async Task StartChildAsync(string parentId, int parentGeneration, SubOrchestrationCreated call, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var child = new InstanceRecord
        {
            InstanceId = call.InstanceId,
            Name = call.Name,
            Version = call.Version ?? options.DefaultVersion,
            Status = OrchestrationRuntimeStatus.Pending,
            Input = call.Input,
            Parent = new ParentLink(parentId, parentGeneration, call.TaskId),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await store.CreateAsync(child, cancellationToken);
        await queue.SendAsync(call.InstanceId, TimeSpan.Zero, cancellationToken);
    }

    public async Task NotifyParentAsync(InstanceRecord child, CancellationToken cancellationToken)
    {
        if (child.Parent is not { } parent)
        {
            return;
        }

        var completed = child.Status == OrchestrationRuntimeStatus.Completed;
        var message = new InboxMessage
        {
            Id = $"child-{parent.Generation}-{parent.TaskId}",
            Sequence = time.GetUtcNow().UtcTicks,
            Kind = completed ? InboxKind.SubOrchestrationCompleted : InboxKind.SubOrchestrationFailed,
            Payload = completed ? child.Output : null,
            TaskId = parent.TaskId,
            Generation = parent.Generation,
            Failure = completed ? null : child.Failure ?? new TaskFailureDetails("Terminated", child.Output ?? "The sub-orchestration was terminated."),
        };
        await store.AddInboxAsync(parent.InstanceId, message, cancellationToken);
        await queue.SendAsync(parent.InstanceId, TimeSpan.Zero, cancellationToken);
    }
}
