using PeerFlow.Durable;
using PeerFlow.Durable.Storage;
using PeerFlow.Durable.Storage.Azure;

namespace PeerFlow.Bench;

/// <summary>
/// Watches a task hub through clients of its own, which no counter sees, so the benchmark's polling never shows up
/// in the engine's request counts. Reads the instance index: one query per 1000 instances.
/// </summary>
internal sealed class InstanceObserver(string hub)
{
    private static readonly OrchestrationRuntimeStatus[] Terminal =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    private readonly AzureStorageClients clients = AzuriteEngine.PlainClients();
    private AzureInstanceStore? store;
    private AzureWorkQueue? queue;

    private AzureInstanceStore Store => store ??= new AzureInstanceStore(clients, hub);

    private AzureWorkQueue Queue => queue ??= new AzureWorkQueue(clients, hub);

    /// <summary>Finished instances by outcome, and the latest completion time among them.</summary>
    public async Task<Finished> CountFinishedAsync(CancellationToken cancellationToken = default)
    {
        int completed = 0, failed = 0;
        DateTime last = default;
        var query = new InstanceQuery { Statuses = Terminal, PageSize = 1000 };
        do
        {
            var page = await Store.QueryAsync(query, cancellationToken);
            foreach (var instance in page.Instances)
            {
                if (instance.Status == OrchestrationRuntimeStatus.Completed)
                {
                    completed++;
                }
                else
                {
                    failed++;
                }

                if (instance.CompletedAt is { } at && at > last)
                {
                    last = at;
                }
            }

            query = query with { ContinuationToken = page.ContinuationToken };
        }
        while (query.ContinuationToken is not null);
        return new Finished(completed, failed, last);
    }

    /// <summary>Messages in the work queue, visible or not.</summary>
    public Task<long> QueueLengthAsync(CancellationToken cancellationToken = default) => Queue.ApproximateCountAsync(cancellationToken);

    internal sealed record Finished(int Completed, int Failed, DateTime LastCompletedAt);
}
