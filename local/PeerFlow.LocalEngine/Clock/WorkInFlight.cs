namespace PeerFlow.LocalEngine.Clock;

/// <summary>
/// What the engine has been given and not yet fed to its orchestrations: released timers, scheduled activities, and
/// starts and events sent by clients. When it is empty nothing moves until the next timer, so the sandbox clock may
/// jump to it and tests may look at the results. Keys, not counters, where the engine names things (a message
/// delivered twice must not make the engine look idle early).
/// </summary>
public sealed class WorkInFlight(TimeProvider? real = null)
{
    /// <summary>
    /// A start or event sent to an instance that has already finished is dropped by the backend without a trace;
    /// after this long its key stops counting, so one lost message cannot hold the sandbox clock for ever.
    /// </summary>
    public static readonly TimeSpan Forgotten = TimeSpan.FromMinutes(2);

    private readonly TimeProvider real = real ?? TimeProvider.System;
    private readonly Lock gate = new();
    private readonly Dictionary<(string Instance, string Kind, long Id), DateTimeOffset> pending = [];
    private long nextMessage;
    private TaskCompletionSource idle = NewIdle(completed: true);
    private int timesIdle;

    /// <summary>How often the engine has gone idle: each time, whoever waits for idle is released.</summary>
    internal int TimesIdle => Volatile.Read(ref timesIdle);

    public bool IsIdle
    {
        get
        {
            lock (gate)
            {
                Expire();
                return pending.Count == 0;
            }
        }
    }

    public void TimerReleased(string instanceId, int timerId) => Add((instanceId, "timer", timerId));

    public void ActivityScheduled(string instanceId, int taskId) => Add((instanceId, "task", taskId));

    /// <summary>A start or an event sent to an instance from outside.</summary>
    public void MessageSent(string instanceId) => Add((instanceId, "message", Interlocked.Increment(ref nextMessage)));

    public void TimerDelivered(string instanceId, int timerId) => Remove(k => k == (instanceId, "timer", timerId), all: true);

    public void ActivityDelivered(string instanceId, int taskId) => Remove(k => k == (instanceId, "task", taskId), all: true);

    public void MessageDelivered(string instanceId) => Remove(k => k.Instance == instanceId && k.Kind == "message", all: false);

    /// <summary>
    /// A new generation: nothing of the old one will be delivered, and the new one has scheduled
    /// <paramref name="scheduledTaskIds"/>. One step, so that the engine never looks idle in between.
    /// </summary>
    public void NewGeneration(string instanceId, IReadOnlyCollection<int> scheduledTaskIds)
    {
        lock (gate)
        {
            foreach (var key in pending.Keys.Where(k => k.Instance == instanceId && k.Kind != "message").ToList())
            {
                pending.Remove(key);
            }

            foreach (var id in scheduledTaskIds)
            {
                pending[(instanceId, "task", id)] = real.GetUtcNow();
            }

            if (pending.Count == 0)
            {
                SignalIdle();
            }
            else if (idle.Task.IsCompleted)
            {
                idle = NewIdle(completed: false);
            }
        }
    }

    /// <summary>A finished instance: nothing sent to it will be delivered.</summary>
    public void Finished(string instanceId) => Remove(k => k.Instance == instanceId, all: true);

    /// <summary>Completes when nothing is in flight; cancel <paramref name="cancellationToken"/> to stop waiting.</summary>
    public async Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (gate)
            {
                Expire();
                if (pending.Count == 0)
                {
                    return;
                }

                wait = idle.Task;
            }

            try
            {
                // Woken when the last key goes, and now and then to let forgotten keys expire.
                await wait.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            }
            catch (TimeoutException)
            {
                // Look again.
            }
        }
    }

    private void Add((string, string, long) key)
    {
        lock (gate)
        {
            if (pending.Count == 0)
            {
                idle = NewIdle(completed: false);
            }

            pending[key] = real.GetUtcNow();
        }
    }

    private void Remove(Func<(string Instance, string Kind, long Id), bool> match, bool all)
    {
        lock (gate)
        {
            foreach (var key in pending.Keys.Where(match).OrderBy(k => k.Id).Take(all ? int.MaxValue : 1).ToList())
            {
                pending.Remove(key);
            }

            if (pending.Count == 0)
            {
                SignalIdle();
            }
        }
    }

    private void Expire()
    {
        var cutoff = real.GetUtcNow() - Forgotten;
        foreach (var key in pending.Where(p => p.Value < cutoff).Select(p => p.Key).ToList())
        {
            pending.Remove(key);
        }

        if (pending.Count == 0)
        {
            SignalIdle();
        }
    }

    private void SignalIdle()
    {
        if (idle.TrySetResult())
        {
            Interlocked.Increment(ref timesIdle);
        }
    }

    private static TaskCompletionSource NewIdle(bool completed)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            source.SetResult();
        }

        return source;
    }
}
