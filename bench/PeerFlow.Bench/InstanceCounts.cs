using Microsoft.DurableTask.Client;

namespace PeerFlow.Bench;

/// <summary>
/// Counts instances by status through the engine's own client (the sidecar answers from the Instances table). Each call
/// is one query per 1,000 instances: polled every half second at most, so the benchmark's watching costs Azurite little.
/// </summary>
internal static class InstanceCounts
{
    private static readonly OrchestrationRuntimeStatus[] Finished =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    public static async Task<Summary> FinishedAsync(DurableTaskClient client, string idPrefix, CancellationToken cancellationToken)
    {
        int completed = 0, failed = 0;
        DateTimeOffset last = default;
        var query = new OrchestrationQuery(Statuses: Finished, InstanceIdPrefix: idPrefix, PageSize: 1000);
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed)
            {
                completed++;
            }
            else
            {
                failed++;
            }

            if (instance.LastUpdatedAt > last)
            {
                last = instance.LastUpdatedAt;
            }
        }

        return new Summary(completed, failed, last);
    }

    /// <summary>Instances not yet through their first episode: until then a timer instance has not created its timer.</summary>
    public static async Task<int> PendingAsync(DurableTaskClient client, string idPrefix, CancellationToken cancellationToken)
    {
        var pending = 0;
        var query = new OrchestrationQuery(Statuses: [OrchestrationRuntimeStatus.Pending], InstanceIdPrefix: idPrefix, PageSize: 1000);
        await foreach (var _ in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            pending++;
        }

        return pending;
    }

    /// <param name="LastUpdatedAt">The latest completion time the engine recorded among the finished instances.</param>
    internal sealed record Summary(int Completed, int Failed, DateTimeOffset LastUpdatedAt);
}
