namespace PeerFlow.Durable.Storage.Memory;

/// <summary>
/// <see cref="IWorkQueue"/> in memory, on the clock of a <see cref="TimeProvider"/> so that tests can skip time.
/// Like a storage queue: delays and visibility timeouts count whole seconds, a received message is hidden for its
/// visibility timeout and then delivered again with a higher dequeue count, and deleting needs the latest pop receipt.
/// </summary>
public sealed class MemoryWorkQueue(TimeProvider time) : IWorkQueue
{
    private readonly Lock gate = new();
    private readonly List<Message> messages = [];
    private long lastSequence;

    public TimeSpan MaxDelay => TimeSpan.FromDays(7);

    /// <summary>When the earliest message that is hidden now becomes visible, so that a virtual-time test host knows how far it may skip.</summary>
    public DateTimeOffset? NextVisibleAt
    {
        get
        {
            var now = time.GetUtcNow();
            lock (gate)
            {
                return messages.Where(m => m.VisibleAt > now).Select(m => (DateTimeOffset?)m.VisibleAt).Min();
            }
        }
    }

    public Task SendAsync(string instanceId, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var visibleAt = time.GetUtcNow() + WholeSeconds(delay, MaxDelay);
        lock (gate)
        {
            var sequence = ++lastSequence;
            messages.Add(new Message($"m{sequence}", instanceId, sequence) { VisibleAt = visibleAt });
        }

        return Task.CompletedTask;
    }

    /// <summary>Visible messages, those visible longest first.</summary>
    public Task<IReadOnlyList<WorkItem>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var hiddenUntil = now + TimeSpan.FromSeconds(Math.Max(1, WholeSeconds(visibilityTimeout, MaxDelay).TotalSeconds));
        lock (gate)
        {
            var received = messages.Where(m => m.VisibleAt <= now).OrderBy(m => m.VisibleAt).ThenBy(m => m.Sequence).Take(Math.Clamp(maxMessages, 1, 32)).ToList();
            foreach (var message in received)
            {
                message.VisibleAt = hiddenUntil;
                message.DequeueCount++;
                message.PopReceipt = Guid.NewGuid().ToString("N");
            }

            return Task.FromResult<IReadOnlyList<WorkItem>>([.. received.Select(m => new WorkItem(m.Id, m.PopReceipt!, m.InstanceId, m.DequeueCount))]);
        }
    }

    /// <summary>Does nothing when the message is gone or was received again since (its pop receipt changed), like a 404 that is ignored.</summary>
    public Task DeleteAsync(WorkItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (gate)
        {
            messages.RemoveAll(m => m.Id == item.MessageId && m.PopReceipt == item.PopReceipt);
        }

        return Task.CompletedTask;
    }

    public Task<WorkItem?> RenewAsync(WorkItem item, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (gate)
        {
            var message = messages.Find(m => m.Id == item.MessageId && m.PopReceipt == item.PopReceipt);
            if (message is null)
            {
                return Task.FromResult<WorkItem?>(null);
            }

            message.VisibleAt = time.GetUtcNow() + WholeSeconds(visibilityTimeout, MaxDelay);
            message.PopReceipt = Guid.NewGuid().ToString("N");
            return Task.FromResult<WorkItem?>(item with { PopReceipt = message.PopReceipt });
        }
    }

    public Task<long> ApproximateCountAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult((long)messages.Count);
        }
    }

    private static TimeSpan WholeSeconds(TimeSpan value, TimeSpan max) =>
        TimeSpan.FromSeconds(Math.Floor(Math.Clamp(value.TotalSeconds, 0, max.TotalSeconds)));

    private sealed class Message(string id, string instanceId, long sequence)
    {
        public string Id { get; } = id;

        public string InstanceId { get; } = instanceId;

        public long Sequence { get; } = sequence;

        public DateTimeOffset VisibleAt { get; set; }

        public long DequeueCount { get; set; }

        public string? PopReceipt { get; set; }
    }
}
