using Microsoft.Extensions.Options;
using PeerFlow.Durable.History;
using PeerFlow.Durable.Storage;

namespace PeerFlow.Durable;

/// <summary>Starts, signals, inspects, queries, stops and purges orchestration instances.</summary>
public sealed class DurableClient
{
    private static readonly TimeSpan MaxPoll = TimeSpan.FromSeconds(1);
    private readonly IInstanceStore store;
    private readonly IWorkQueue queue;
    private readonly DurableRegistry registry;
    private readonly DataConverter converter;
    private readonly TimeProvider time;
    private readonly DurableOptions options;

    public DurableClient(IInstanceStore store, IWorkQueue queue, DurableRegistry registry, DataConverter converter, TimeProvider time, IOptions<DurableOptions> options)
    {
        this.store = store;
        this.queue = queue;
        this.registry = registry;
        this.converter = converter;
        this.time = time;
        this.options = options.Value;
    }

    /// <summary>Starts an instance and returns its id. Idempotent: an id that exists is returned as it is.</summary>
    public async Task<string> StartAsync(string orchestratorName, object? input = null, StartOptions? startOptions = null, CancellationToken cancellationToken = default)
    {
        if (!registry.HasOrchestrator(orchestratorName))
        {
            throw new ArgumentException($"No orchestrator named '{orchestratorName}' is registered.", nameof(orchestratorName));
        }

        var instanceId = startOptions?.InstanceId ?? Guid.NewGuid().ToString("N");
        InstanceIds.Validate(instanceId);
        var now = time.GetUtcNow().UtcDateTime;
        var record = new InstanceRecord
        {
            InstanceId = instanceId,
            Name = orchestratorName,
            Version = startOptions?.Version ?? options.DefaultVersion,
            Status = OrchestrationRuntimeStatus.Pending,
            Input = converter.Serialize(input),
            CreatedAt = now,
            UpdatedAt = now,
        };
        // The index lists the instance from its first episode, moments later; the state row answers GetStatus at once.
        // Not indexing here saves a request on every start, a sixth of a short orchestration's storage traffic.
        if (!await store.CreateAsync(record, cancellationToken)
            && (await store.GetAsync(instanceId, cancellationToken))?.Status != OrchestrationRuntimeStatus.Pending)
        {
            return instanceId; // already running or finished: nothing to wake
        }

        // Sent again when a Pending instance is restarted, in case the first start died before sending.
        await queue.SendAsync(instanceId, TimeSpan.Zero, cancellationToken);
        return instanceId;
    }

    /// <summary>
    /// Delivers an event; it is kept until the orchestrator waits for it. Returns false when the instance has already
    /// finished. <paramref name="eventId"/> makes a retried call harmless.
    /// </summary>
    public Task<bool> RaiseEventAsync(string instanceId, string eventName, object? payload = null, string? eventId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        return SendAsync(instanceId, InboxKind.Event, eventName, converter.Serialize(payload), eventId, cancellationToken);
    }

    public Task<bool> TerminateAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        SendAsync(instanceId, InboxKind.Terminate, reason, null, null, cancellationToken);

    public Task<bool> SuspendAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        SendAsync(instanceId, InboxKind.Suspend, reason, null, null, cancellationToken);

    public Task<bool> ResumeAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        SendAsync(instanceId, InboxKind.Resume, reason, null, null, cancellationToken);

    public async Task<InstanceStatus?> GetStatusAsync(string instanceId, bool includeHistory = false, bool includePendingTimers = false, CancellationToken cancellationToken = default)
    {
        var record = await store.GetAsync(instanceId, cancellationToken);
        if (record is null)
        {
            return null;
        }

        IReadOnlyList<HistoryEvent>? history = includeHistory || includePendingTimers ? await store.GetHistoryAsync(instanceId, cancellationToken) : null;
        return new InstanceStatus(
            record,
            includeHistory ? history : null,
            includePendingTimers ? InstanceStatus.PendingTimersIn(history!) : null);
    }

    public Task<InstancePage> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default) => store.QueryAsync(query, cancellationToken);

    /// <summary>Waits until the instance finishes, polling storage with back-off.</summary>
    public async Task<InstanceStatus> WaitForCompletionAsync(string instanceId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = time.GetUtcNow() + timeout;
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            var status = await GetStatusAsync(instanceId, cancellationToken: cancellationToken) ?? throw new InstanceNotFoundException(instanceId);
            if (status.Status.IsTerminal())
            {
                return status;
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new TimeoutException($"Instance '{instanceId}' did not finish within {timeout}.");
            }

            await Task.Delay(delay, time, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxPoll.Ticks));
        }
    }

    /// <summary>Deletes a finished instance with its history and payloads. False when it does not exist or is still running.</summary>
    public async Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var record = await store.GetAsync(instanceId, cancellationToken);
        return record is not null && record.Status.IsTerminal() && await store.PurgeAsync(instanceId, cancellationToken);
    }

    /// <summary>Purges every finished instance the query matches, many at a time; returns how many were purged.</summary>
    public async Task<int> PurgeAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        var terminal = new[] { OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated };
        var statuses = query.Statuses is null ? terminal : [.. query.Statuses.Where(s => s.IsTerminal())];
        if (statuses.Length == 0)
        {
            return 0;
        }

        var purged = 0;
        var page = query with { Statuses = statuses, PageSize = Math.Max(query.PageSize, 500), ContinuationToken = null };
        do
        {
            var result = await store.QueryAsync(page, cancellationToken);
            var done = 0;
            await Parallel.ForEachAsync(result.Instances, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (instance, ct) =>
            {
                if (await store.PurgeAsync(instance.InstanceId, ct))
                {
                    Interlocked.Increment(ref done);
                }
            });
            purged += done;
            page = page with { ContinuationToken = result.ContinuationToken };
        }
        while (page.ContinuationToken is not null);
        return purged;
    }

    public Task<IReadOnlyList<QuarantineEntry>> GetQuarantinedAsync(CancellationToken cancellationToken = default) => store.GetQuarantinedAsync(cancellationToken);

    private async Task<bool> SendAsync(string instanceId, InboxKind kind, string? name, string? payload, string? messageId, CancellationToken cancellationToken)
    {
        var record = await store.GetAsync(instanceId, cancellationToken) ?? throw new InstanceNotFoundException(instanceId);
        if (record.Status.IsTerminal())
        {
            return false;
        }

        var now = time.GetUtcNow();
        var message = new InboxMessage
        {
            Id = messageId ?? $"{kind.ToString().ToLowerInvariant()}-{now.UtcTicks:D19}-{Guid.NewGuid():N}",
            Sequence = now.UtcTicks,
            Kind = kind,
            Name = name,
            Payload = payload,
        };
        await store.AddInboxAsync(instanceId, message, cancellationToken);
        await queue.SendAsync(instanceId, TimeSpan.Zero, cancellationToken);
        return true;
    }
}
