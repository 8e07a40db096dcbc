using Azure;
using Azure.Storage.Queues;

namespace PeerFlow.Durable.Storage.Azure;

/// <summary><see cref="IWorkQueue"/> on an Azure Storage queue, <c>{hub}-work</c>.</summary>
public sealed class AzureWorkQueue : IWorkQueue
{
    private const int MaxBatch = 32;

    /// <summary>Never expire: a wake-up that outlived the default 7 days would be lost silently.</summary>
    private static readonly TimeSpan Forever = TimeSpan.FromSeconds(-1);

    private readonly QueueClient queue;

    public AzureWorkQueue(AzureStorageClients clients, string taskHub)
    {
        ArgumentNullException.ThrowIfNull(clients);
        queue = clients.Queues.GetQueueClient(new TaskHubNames(taskHub).WorkQueue);
    }

    public TimeSpan MaxDelay => TimeSpan.FromDays(7);

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) =>
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    /// <summary>The delay is clamped to [0, <see cref="MaxDelay"/>] and cut to whole seconds, which is all the service counts.</summary>
    public async Task SendAsync(string instanceId, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var visibility = TimeSpan.FromSeconds(Math.Floor(Math.Clamp(delay.TotalSeconds, 0, MaxDelay.TotalSeconds)));
        await queue.SendMessageAsync(WorkMessageBody.Format(instanceId), visibility, Forever, cancellationToken);
    }

    public async Task<IReadOnlyList<WorkItem>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        var undecodable = UndecodableMessages.Collect();
        try
        {
            // The service takes whole seconds, at least one.
            var hidden = TimeSpan.FromSeconds(Math.Max(1, Math.Floor(Math.Min(visibilityTimeout.TotalSeconds, MaxDelay.TotalSeconds))));
            var received = await queue.ReceiveMessagesAsync(Math.Clamp(maxMessages, 1, MaxBatch), hidden, cancellationToken);
            var items = received.Value.Select(m => new WorkItem(m.MessageId, m.PopReceipt, WorkMessageBody.Parse(m.Body), m.DequeueCount)).ToList();
            lock (undecodable)
            {
                items.AddRange(undecodable.Select(m => new WorkItem(m.MessageId, m.PopReceipt, "", m.DequeueCount)));
            }

            return items;
        }
        finally
        {
            UndecodableMessages.Stop();
        }
    }

    public async Task DeleteAsync(WorkItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        try
        {
            await queue.DeleteMessageAsync(item.MessageId, item.PopReceipt, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404 || ex.ErrorCode == "PopReceiptMismatch")
        {
            // Already deleted (404), or received again since, by us or another worker (400 PopReceiptMismatch):
            // either way no longer this receipt's to delete.
        }
    }

    public async Task<WorkItem?> RenewAsync(WorkItem item, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        try
        {
            var receipt = await queue.UpdateMessageAsync(item.MessageId, item.PopReceipt, visibilityTimeout: visibilityTimeout, cancellationToken: cancellationToken);
            return item with { PopReceipt = receipt.Value.PopReceipt };
        }
        catch (RequestFailedException ex) when (ex.Status == 404 || ex.ErrorCode == "PopReceiptMismatch")
        {
            return null;
        }
    }

    public async Task<long> ApproximateCountAsync(CancellationToken cancellationToken) =>
        (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
}
