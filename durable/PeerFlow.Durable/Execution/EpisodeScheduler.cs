namespace PeerFlow.Durable.Execution;

/// <summary>
/// Runs orchestrator continuations one at a time, in the order they were queued, on the thread that drains it.
/// Every <c>await</c> in orchestrator code resumes through here, which is what makes replay deterministic.
/// </summary>
internal sealed class EpisodeScheduler : TaskScheduler
{
    private readonly Queue<Task> queue = new();
    private readonly Lock gate = new();

    public override int MaximumConcurrencyLevel => 1;

    public void Drain()
    {
        // A caller's SynchronizationContext (xunit has one) would capture continuations and run them elsewhere.
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            while (true)
            {
                Task? next;
                lock (gate)
                {
                    if (!queue.TryDequeue(out next))
                    {
                        return;
                    }
                }

                TryExecuteTask(next);
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    protected override void QueueTask(Task task)
    {
        lock (gate)
        {
            queue.Enqueue(task);
        }
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (gate)
        {
            return [.. queue];
        }
    }
}
