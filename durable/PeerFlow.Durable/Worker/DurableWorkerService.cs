using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PeerFlow.Durable.Storage;
using PeerFlow.Durable.Telemetry;

namespace PeerFlow.Durable.Worker;

/// <summary>
/// The standalone worker: polls the work queue, hands wake-ups to <see cref="WorkItemHandler"/> with bounded
/// concurrency, and pumps long timers. In Azure Functions the host's triggers do this instead (see <see cref="DrainAsync"/>).
/// </summary>
public sealed partial class DurableWorkerService(
    IWorkQueue queue, WorkItemHandler handler, TimerPump pump, DurableTelemetry telemetry, TimeProvider time,
    IOptions<DurableOptions> options, ILogger<DurableWorkerService> logger) : BackgroundService
{
    private readonly DurableOptions options = options.Value;
    /// <summary>Striped, so the number of locks stays fixed however many instances a long-lived worker sees.</summary>
    private readonly SemaphoreSlim[] instanceLocks = [.. Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Processes everything visible in the queue now and returns how many messages it handled.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        var handled = 0;
        while (true)
        {
            var batch = await queue.ReceiveAsync(32, options.VisibilityTimeout, cancellationToken);
            if (batch.Count == 0)
            {
                return handled;
            }

            await Task.WhenAll(batch.GroupBy(m => m.InstanceId, StringComparer.Ordinal).Select(g => HandleGroupAsync([.. g], null, cancellationToken)));
            handled += batch.Count;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pumping = PumpTimersAsync(stoppingToken);
        using var slots = new SemaphoreSlim(options.MaxConcurrentInstances);
        var idle = options.MinPollingInterval;
        var running = new ConcurrentDictionary<Task, byte>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var free = Math.Max(1, Math.Min(32, slots.CurrentCount));
                var batch = await queue.ReceiveAsync(free, options.VisibilityTimeout, stoppingToken);
                if (batch.Count == 0)
                {
                    await Task.Delay(idle, time, stoppingToken);
                    idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, options.MaxPollingInterval.Ticks));
                    continue;
                }

                idle = options.MinPollingInterval;
                foreach (var group in batch.GroupBy(m => m.InstanceId, StringComparer.Ordinal))
                {
                    await slots.WaitAsync(stoppingToken);
                    var work = HandleGroupAsync([.. group], slots, stoppingToken);
                    running[work] = 0;
                    _ = work.ContinueWith(t => { slots.Release(); running.TryRemove(t, out _); }, TaskScheduler.Default);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogPollFailed(ex.GetType().Name);
                await Task.Delay(options.MaxPollingInterval, time, CancellationToken.None);
            }
        }

        await Task.WhenAll(running.Keys);
        await pumping;
    }

    /// <summary>
    /// Several wake-ups for one instance need one pass; a pass per instance at a time in this process. A timer about
    /// to fall due is waited for with the message kept, but without holding the instance's lock or a worker slot,
    /// so many held timers do not delay other work.
    /// </summary>
    /// <param name="slot">The poll loop's slot this group holds, given back while waiting for a timer.</param>
    private async Task HandleGroupAsync(List<WorkItem> items, SemaphoreSlim? slot, CancellationToken cancellationToken)
    {
        var gate = instanceLocks[(int)((uint)StringComparer.Ordinal.GetHashCode(items[0].InstanceId) % (uint)instanceLocks.Length)];
        using var handled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = KeepHiddenAsync(items, handled.Token);
        try
        {
            // The most-delivered message decides recovery and quarantine for the group.
            var item = items.MaxBy(i => i.DequeueCount)!;
            while (true)
            {
                DateTime? holdUntil;
                await gate.WaitAsync(cancellationToken);
                try
                {
                    holdUntil = await handler.HandleOnceAsync(item, cancellationToken);
                }
                finally
                {
                    gate.Release();
                }

                if (holdUntil is not { } due)
                {
                    break;
                }

                slot?.Release();
                try
                {
                    var wait = due - time.GetUtcNow().UtcDateTime;
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, time, cancellationToken);
                    }
                }
                finally
                {
                    if (slot is not null)
                    {
                        await slot.WaitAsync(CancellationToken.None);
                    }
                }

                item = item with { DequeueCount = 1 };
            }

            await handled.CancelAsync();
            await renewing;
            foreach (var received in items)
            {
                await queue.DeleteAsync(received, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Left in the queue: it becomes visible again and is retried, or quarantined after too many tries.
        }
        finally
        {
            await handled.CancelAsync();
            await renewing;
        }
    }

    /// <summary>
    /// Renews the messages' visibility at half their timeout while the instance is worked on, so that a long activity
    /// is not mistaken for a dead worker and started again elsewhere. Updates the items' pop receipts in place.
    /// </summary>
    private async Task KeepHiddenAsync(List<WorkItem> items, CancellationToken done)
    {
        try
        {
            while (true)
            {
                await Task.Delay(options.VisibilityTimeout / 2, time, done);
                for (var i = 0; i < items.Count; i++)
                {
                    items[i] = await queue.RenewAsync(items[i], options.VisibilityTimeout, done) ?? items[i];
                }
            }
        }
        catch (OperationCanceledException) when (done.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogRenewFailed(ex.GetType().Name);
        }
    }

    private async Task PumpTimersAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await pump.PumpAsync(stoppingToken);
                telemetry.ReportQueueDepth(await queue.ApproximateCountAsync(stoppingToken));
                await Task.Delay(options.TimerPumpInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogPumpFailed(ex.GetType().Name);
                await Task.Delay(TimeSpan.FromSeconds(30), time, CancellationToken.None);
            }
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Polling the work queue failed with {ErrorType}")]
    private partial void LogPollFailed(string errorType);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Renewing the visibility of work messages failed with {ErrorType}")]
    private partial void LogRenewFailed(string errorType);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Pumping long timers failed with {ErrorType}")]
    private partial void LogPumpFailed(string errorType);
}
