using Microsoft.Extensions.Options;
using PeerFlow.Durable.Storage;

namespace PeerFlow.Durable.Worker;

/// <summary>
/// Moves timers that are now close enough from the timers table into the queue as delayed wake-ups. Each timer is
/// stored once, whatever its length; the pump runs hourly (a timer trigger in Azure, a loop standalone).
/// </summary>
public sealed class TimerPump
{
    private readonly IInstanceStore store;
    private readonly IWorkQueue queue;
    private readonly Dispatcher dispatcher;
    private readonly TimeProvider time;
    private readonly DurableOptions options;

    internal TimerPump(IInstanceStore store, IWorkQueue queue, Dispatcher dispatcher, TimeProvider time, IOptions<DurableOptions> options)
    {
        this.store = store;
        this.queue = queue;
        this.dispatcher = dispatcher;
        this.time = time;
        this.options = options.Value;
    }

    /// <returns>How many timers were moved.</returns>
    public async Task<int> PumpAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var due = await store.GetTimersDueByAsync(now + options.LongTimerThreshold, cancellationToken);
        foreach (var timer in due)
        {
            // Send first, delete second: a crash in between only sends a harmless duplicate wake-up next time.
            await queue.SendAsync(timer.InstanceId, dispatcher.WakeupDelay(timer.FireAt - now), cancellationToken);
            await store.DeleteTimerAsync(timer, cancellationToken);
        }

        return due.Count;
    }
}
