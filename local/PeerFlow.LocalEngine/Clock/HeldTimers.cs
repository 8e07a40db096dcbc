using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PeerFlow.LocalEngine.Clock;

/// <summary>
/// The durable timers the sandbox clock holds back, and the loop that hands each to the engine when the clock passes
/// its time. Moving the clock steps from one held timer to the next and lets the engine settle in between, so every
/// reminder and escalation fires at its own time, in order, as it would have in real time.
/// </summary>
public sealed partial class HeldTimers(SandboxClock clock, IClockStore store, WorkInFlight inFlight, ILogger<HeldTimers> logger) : BackgroundService
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, HeldTimer> timers = [];
    private readonly SemaphoreSlim wake = new(0);
    private readonly SemaphoreSlim moving = new(1, 1);
    private IOrchestrationServiceClient? engine;

    /// <summary>How long one step of a move waits for the engine to settle before it goes on regardless.</summary>
    public TimeSpan SettleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public IReadOnlyList<HeldTimer> Snapshot()
    {
        lock (gate)
        {
            return [.. timers.Values.OrderBy(t => t.FireAt)];
        }
    }

    /// <summary>Reads the held timers back after a restart and names the engine that released timers go to.</summary>
    public async Task LoadAsync(IOrchestrationServiceClient target, CancellationToken cancellationToken)
    {
        engine = target;
        var stored = await store.LoadTimersAsync(cancellationToken);
        lock (gate)
        {
            foreach (var timer in stored)
            {
                timers[timer.Key] = timer;
            }
        }

        wake.Release();
    }

    public async Task HoldAsync(IReadOnlyCollection<HeldTimer> held)
    {
        if (held.Count == 0)
        {
            return;
        }

        await store.HoldAsync(held, CancellationToken.None);
        var now = clock.GetUtcNow().UtcDateTime;
        lock (gate)
        {
            foreach (var timer in held)
            {
                timers[timer.Key] = timer;
                if (timer.FireAt <= now)
                {
                    // Due already: in flight from now on, not only once the loop gets round to releasing it.
                    inFlight.TimerReleased(timer.InstanceId, timer.TimerId);
                }
            }
        }

        wake.Release();
    }

    /// <summary>Drops an instance's timers that belong to any other generation (all of them when it has finished).</summary>
    public async Task ForgetAsync(string instanceId, string? keepExecutionId)
    {
        List<HeldTimer> stale;
        lock (gate)
        {
            stale = [.. timers.Values.Where(t => t.InstanceId == instanceId && t.ExecutionId != keepExecutionId)];
            foreach (var timer in stale)
            {
                timers.Remove(timer.Key);
            }
        }

        foreach (var timer in stale)
        {
            await store.ForgetAsync(timer, CancellationToken.None);
        }
    }

    /// <summary>
    /// Moves workflow time to <paramref name="target"/>, stopping at each held timer on the way until the engine has
    /// handled it. Returns how many timers fired.
    /// </summary>
    public async Task<int> MoveToAsync(DateTime target, CancellationToken cancellationToken)
    {
        await moving.WaitAsync(cancellationToken);
        try
        {
            var fired = 0;
            while (NextAtOrBefore(target) is { } next)
            {
                await clock.MoveToAsync(next, cancellationToken);
                fired += await ReleaseDueAsync(cancellationToken);
                await SettleAsync(cancellationToken);
            }

            await clock.MoveToAsync(target, cancellationToken);
            return fired + await ReleaseDueAsync(cancellationToken);
        }
        finally
        {
            moving.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        clock.Moved += OnMoved;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Never while a move is stepping: the move releases (and counts, and settles on) every timer it passes.
                await moving.WaitAsync(stoppingToken);
                try
                {
                    await ReleaseDueAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogReleaseFailed(ex);
                }
                finally
                {
                    moving.Release();
                }

                await wake.WaitAsync(DelayToNext(), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            clock.Moved -= OnMoved;
        }
    }

    private void OnMoved() => wake.Release();

    private async Task SettleAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(SettleTimeout);
        try
        {
            await inFlight.WhenIdleAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A safety net, not a measure of speed: an instance that never takes its timer must not stop the clock.
            LogSettleTimedOut(SettleTimeout);
        }
    }

    private DateTime? NextAtOrBefore(DateTime target)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        lock (gate)
        {
            var due = timers.Values.Where(t => t.FireAt <= target).Select(t => t.FireAt).DefaultIfEmpty(DateTime.MaxValue).Min();
            return due == DateTime.MaxValue ? null : (due > now ? due : now);
        }
    }

    private TimeSpan DelayToNext()
    {
        DateTime next;
        lock (gate)
        {
            if (timers.Count == 0)
            {
                return Timeout.InfiniteTimeSpan;
            }

            next = timers.Values.Min(t => t.FireAt);
        }

        var wait = next - clock.GetUtcNow().UtcDateTime;
        // Capped, so that a failed release is retried and a long wait survives the machine's clock being adjusted.
        return wait <= TimeSpan.Zero ? TimeSpan.Zero : wait > TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : wait;
    }

    private async Task<int> ReleaseDueAsync(CancellationToken cancellationToken)
    {
        var target = engine;
        if (target is null)
        {
            return 0;
        }

        List<HeldTimer> due;
        var now = clock.GetUtcNow().UtcDateTime;
        lock (gate)
        {
            due = [.. timers.Values.Where(t => t.FireAt <= now).OrderBy(t => t.FireAt)];
            foreach (var timer in due)
            {
                timers.Remove(timer.Key);
                inFlight.TimerReleased(timer.InstanceId, timer.TimerId);
            }
        }

        var released = 0;
        try
        {
            foreach (var timer in due)
            {
                // Fire "now" in real time: the backend delays a timer message until its FireAt by the machine's clock.
                await target.SendTaskOrchestrationMessageAsync(new TaskMessage
                {
                    OrchestrationInstance = new OrchestrationInstance { InstanceId = timer.InstanceId, ExecutionId = timer.ExecutionId },
                    Event = new TimerFiredEvent(-1, clock.RealUtcNow) { TimerId = timer.TimerId },
                });
                released++;
                await store.ForgetAsync(timer, CancellationToken.None);
            }
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // What was not sent is held again; a timer sent twice is harmless (its second firing finds no waiter).
            lock (gate)
            {
                foreach (var timer in due.Skip(released))
                {
                    inFlight.TimerDelivered(timer.InstanceId, timer.TimerId);
                    timers[timer.Key] = timer;
                }
            }

            throw;
        }

        return released;
    }

    [LoggerMessage(LogLevel.Warning, "Releasing held timers failed; trying again shortly.")]
    private partial void LogReleaseFailed(Exception exception);

    [LoggerMessage(LogLevel.Warning, "The engine did not settle within {Timeout} after a timer; the sandbox clock moves on.")]
    private partial void LogSettleTimedOut(TimeSpan timeout);
}
