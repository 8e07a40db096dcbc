using Microsoft.Extensions.Logging;

namespace PeerFlow.Durable;

/// <summary>
/// What an orchestrator sees of the engine. Modelled on Durable Functions' <c>TaskOrchestrationContext</c>
/// so that PeerFlow workflows read like Durable Functions code.
/// </summary>
/// <remarks>
/// Orchestrator code is replayed from history, so it must be deterministic: take time from
/// <see cref="CurrentUtcDateTime"/>, ids from <see cref="NewGuid"/>, do I/O only in activities, and never use
/// <c>Task.Run</c>, <c>Task.Delay</c>, <c>DateTime.UtcNow</c>, <c>ConfigureAwait(false)</c> or
/// <c>CancellationTokenSource.CancelAsync</c> (it runs callbacks on the thread pool; use <c>Cancel</c>).
/// </remarks>
public abstract class TaskOrchestrationContext
{
    public abstract string InstanceId { get; }

    public abstract string Name { get; }

    /// <summary>The version the instance was started with; it does not change when newer code is deployed.</summary>
    public abstract string Version { get; }

    /// <summary>The instance's generation: 0 at start, one more at each <see cref="ContinueAsNew"/>.</summary>
    public abstract int Generation { get; }

    /// <summary>The time of the event being processed, identical on every replay.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    public abstract bool IsReplaying { get; }

    public abstract Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null);

    public Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null)
        => CallActivityAsync<object?>(name, input, options);

    /// <summary>A durable timer. Any length costs one stored timer; cancelling it removes it from the pending list.</summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken)
        => CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken);

    /// <summary>Waits for an event raised by a client. Events raised before the wait are kept until it starts.</summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>The human-interaction pattern: the event or, after <paramref name="timeout"/>, a <see cref="TimeoutException"/>.</summary>
    public async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var timerCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var waitCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var eventTask = WaitForExternalEvent<T>(eventName, waitCts.Token);
        var timerTask = CreateTimer(CurrentUtcDateTime.Add(timeout), timerCts.Token);
        var winner = await Task.WhenAny(eventTask, timerTask);
        if (winner == eventTask)
        {
            timerCts.Cancel();
            return await eventTask;
        }

        waitCts.Cancel();
        await timerTask;
        throw new TimeoutException($"Event '{eventName}' was not received within {timeout}.");
    }

    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(string name, object? input = null, SubOrchestrationOptions? options = null);

    public Task CallSubOrchestratorAsync(string name, object? input = null, SubOrchestrationOptions? options = null)
        => CallSubOrchestratorAsync<object?>(name, input, options);

    /// <summary>
    /// Ends this generation and starts the next with <paramref name="newInput"/> and an empty history, which keeps
    /// long loops cheap to replay. Events not yet consumed are carried over unless told otherwise.
    /// </summary>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>A small JSON-serialisable status shown to clients. It must hold ids and codes, never personal data.</summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>
    /// Sets a searchable attribute of the instance (e.g. scheme, stage, next due time) that instance queries can filter on;
    /// null removes it. Values compare as strings, so write times as <c>yyyy-MM-ddTHH:mm:ssZ</c>.
    /// </summary>
    public abstract void SetAttribute(string name, string? value);

    /// <summary>A deterministic, replay-stable GUID.</summary>
    public abstract Guid NewGuid();

    /// <summary>A logger that writes only when the orchestrator is not replaying.</summary>
    public abstract ILogger CreateReplaySafeLogger(string categoryName);

    public ILogger CreateReplaySafeLogger<T>() => CreateReplaySafeLogger(typeof(T).FullName ?? typeof(T).Name);
}
