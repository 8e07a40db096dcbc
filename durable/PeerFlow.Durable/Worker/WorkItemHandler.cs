using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PeerFlow.Durable.History;
using PeerFlow.Durable.Storage;

namespace PeerFlow.Durable.Worker;

/// <summary>
/// Handles one wake-up, whoever received it: the standalone worker's poll loop, or an Azure Functions queue trigger
/// through the custom handler. Returns normally when the message may be deleted; throws to have it delivered again.
/// </summary>
public sealed partial class WorkItemHandler
{
    /// <summary>Queue visibility follows the storage service's clock, not ours; a wake-up this much earlier is still held, not lost.</summary>
    private static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromSeconds(2);

    private readonly OrchestrationProcessor processor;
    private readonly IInstanceStore store;
    private readonly Dispatcher dispatcher;
    private readonly TimeProvider time;
    private readonly DurableOptions options;
    private readonly ILogger<WorkItemHandler> logger;

    internal WorkItemHandler(
        OrchestrationProcessor processor, IInstanceStore store, Dispatcher dispatcher, TimeProvider time,
        IOptions<DurableOptions> options, ILogger<WorkItemHandler> logger)
    {
        this.processor = processor;
        this.store = store;
        this.dispatcher = dispatcher;
        this.time = time;
        this.options = options.Value;
        this.logger = logger;
    }

    /// <summary>Handles the wake-up and, if a timer falls due within the hold window, waits for it and fires it too.</summary>
    public async Task HandleAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var holdUntil = await HandleOnceAsync(item, cancellationToken);
        while (holdUntil is { } due)
        {
            var wait = due - time.GetUtcNow().UtcDateTime;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
            }

            holdUntil = await HandleOnceAsync(item with { DequeueCount = 1 }, cancellationToken);
        }
    }

    /// <summary>
    /// Handles the wake-up once. Returns when the instance's next timer falls due if that is within the hold window,
    /// so the caller can wait for it without giving the message up, however it chooses to wait.
    /// </summary>
    public async Task<DateTime?> HandleOnceAsync(WorkItem item, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(item.InstanceId))
        {
            LogUnreadable(item.MessageId);
            return null;
        }

        if (item.DequeueCount > options.MaxDequeueCount)
        {
            await QuarantineAsync(item, cancellationToken);
            return null;
        }

        try
        {
            var result = await processor.ProcessAsync(item.InstanceId, recovery: item.DequeueCount > 1, cancellationToken);
            return result.NextTimerAt is { } due && options.TimerHoldWindow > TimeSpan.Zero
                && due - time.GetUtcNow().UtcDateTime <= options.TimerHoldWindow + ClockSkewAllowance
                ? due
                : null;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            processor.Forget(item.InstanceId);
            LogAttemptFailed(item.InstanceId, item.DequeueCount, ex.GetType().Name);
            var error = $"{ex.GetType().FullName}: {ex.Message}";
            await store.RecordFailureAsync(
                new QuarantineEntry(item.InstanceId, item.MessageId, (int)item.DequeueCount, error, time.GetUtcNow().UtcDateTime, Quarantined: false),
                CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// A wake-up that keeps failing is taken out of circulation and its instance failed with the reason, so that it
    /// is neither retried for ever nor dropped silently.
    /// </summary>
    private async Task QuarantineAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var lastError = (await store.GetFailureAsync(item.InstanceId, cancellationToken))?.LastError;
        var reason = $"Quarantined after {item.DequeueCount - 1} failed deliveries of message {item.MessageId}.";
        LogQuarantined(item.InstanceId, item.DequeueCount);
        await store.RecordFailureAsync(
            new QuarantineEntry(item.InstanceId, item.MessageId, (int)item.DequeueCount, lastError ?? reason, time.GetUtcNow().UtcDateTime, Quarantined: true),
            cancellationToken);
        processor.Forget(item.InstanceId);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var snapshot = await store.LoadAsync(item.InstanceId, null, cancellationToken);
            if (snapshot is null || snapshot.State.Status.IsTerminal())
            {
                return;
            }

            var now = time.GetUtcNow().UtcDateTime;
            var failure = new TaskFailureDetails("Quarantined", lastError is null ? reason : $"{reason} Last error: {lastError}");
            var state = snapshot.State with
            {
                Status = OrchestrationRuntimeStatus.Failed,
                Failure = failure,
                Episodes = snapshot.State.Episodes + 1,
                UpdatedAt = now,
                CompletedAt = now,
                NextTimerAt = null,
            };
            var end = new ExecutionCompleted(OrchestrationRuntimeStatus.Failed, null, failure) { Timestamp = now };
            var etag = await store.TryCommitAsync(new EpisodeCommit(state, state.Generation, snapshot.State.Episodes, [end], []), cancellationToken);
            if (etag is not null)
            {
                await store.UpsertIndexAsync(state, cancellationToken);
                await dispatcher.NotifyParentAsync(state, cancellationToken);
                return;
            }
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Discarded unreadable work message {MessageId}")]
    private partial void LogUnreadable(string messageId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Processing {InstanceId} failed on delivery {DequeueCount} with {ErrorType}")]
    private partial void LogAttemptFailed(string instanceId, long dequeueCount, string errorType);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Quarantined the wake-up of {InstanceId} after {DequeueCount} deliveries; the instance is failed")]
    private partial void LogQuarantined(string instanceId, long dequeueCount);
}
