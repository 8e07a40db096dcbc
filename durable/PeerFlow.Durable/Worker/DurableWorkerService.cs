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
    private readonly ConcurrentDictionary<string, SemaphoreSlim> instanceLocks = new(StringComparer.Ordinal);

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

            await HandleBatchAsync(batch, cancellationToken);
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
                    var work = HandleGroupAsync([.. group], stoppingToken);
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

    private Task HandleBatchAsync(IReadOnlyList<WorkItem> batch, CancellationToken cancellationToken) =>
        Task.WhenAll(batch.GroupBy(m => m.InstanceId, StringComparer.Ordinal).Select(g => HandleGroupAsync([.. g], cancellationToken)));

    /// <summary>Several wake-ups for one instance need one pass; a pass per instance at a time in this process.</summary>
    private async Task HandleGroupAsync(List<WorkItem> items, CancellationToken cancellationToken)
    {
        var gate = instanceLocks.GetOrAdd(items[0].InstanceId, _ => new SemaphoreSlim(1, 1));
        using var handled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = KeepHiddenAsync(items, handled.Token);
        try
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                // The most-delivered message decides recovery and quarantine for the group.
                await handler.HandleAsync(items.MaxBy(i => i.DequeueCount)!, cancellationToken);
            }
            finally
            {
                gate.Release();
            }

            await handled.CancelAsync();
            await renewing;
            foreach (var item in items)
            {
                await queue.DeleteAsync(item, cancellationToken);
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
