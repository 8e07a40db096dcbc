namespace PeerFlow.Durable.Storage;

/// <summary>A received wake-up for one instance. The message carries the instance id and nothing else.</summary>
public sealed record WorkItem(string MessageId, string PopReceipt, string InstanceId, long DequeueCount);

/// <summary>
/// Wake-ups for instances. Messages say only "look at instance X": all facts live in the instance's partition,
/// so duplicate, late or early messages are harmless.
/// </summary>
public interface IWorkQueue
{
    /// <summary>The longest delay a message can be sent with (Azure Storage queues: 7 days).</summary>
    TimeSpan MaxDelay { get; }

    Task SendAsync(string instanceId, TimeSpan delay, CancellationToken cancellationToken);

    Task<IReadOnlyList<WorkItem>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    Task DeleteAsync(WorkItem item, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps a message hidden for another <paramref name="visibilityTimeout"/> while it is still being worked on.
    /// Returns the item with its new pop receipt, or null when the message is gone or was received again since.
    /// </summary>
    Task<WorkItem?> RenewAsync(WorkItem item, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    Task<long> ApproximateCountAsync(CancellationToken cancellationToken);
}
