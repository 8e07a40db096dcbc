using System.Text.Json.Nodes;
using PeerFlow.Durable;
using PeerFlow.Durable.Storage.Azure;

namespace PeerFlow.Bench.Scenarios;

/// <summary>
/// Storage requests per orchestration step: what an episode costs in transactions, which is what Azure Storage bills
/// and what bounds throughput. Every request of the engine's clients (the DurableClient that starts instances and
/// the worker) is counted by a pipeline policy, from the first start until the last instance completed and its last
/// wake-up was deleted; the benchmark watches progress through clients of its own, which are not counted.
/// </summary>
internal static class StorageOpsScenario
{
    public static async Task<Report> RunAsync(BenchArgs args)
    {
        var instances = args.Int("instances", 100);
        var startParallelism = args.Int("start-parallelism", 16);
        var concurrency = args.Int("concurrency", new DurableOptions().MaxConcurrentInstances);

        var counter = new RequestCounter();
        var clients = AzureStorageClients.FromConnectionString(AzuriteEngine.ConnectionString, counter.Configure);
        await using var engine = await AzuriteEngine.StartAsync(AzuriteEngine.NewHub("ops"), clients, SequenceWorkload.Register, o => o.MaxConcurrentInstances = concurrency);
        var observer = new InstanceObserver(engine.Hub);

        // The worker has started: creating tables and its first polls are behind us and not part of the figure.
        await Task.Delay(500);
        counter.Reset();
        var run = await SequenceWorkload.RunAsync(engine.Client, observer, instances, startParallelism, TimeSpan.FromMinutes(4));

        // The last wake-ups are deleted just after their instance completed; they belong to the steps too.
        for (var i = 0; i < 50 && await observer.QueueLengthAsync() > 0; i++)
        {
            await Task.Delay(100);
        }

        var total = counter.Total;
        var emptyReceives = counter.EmptyReceives;
        var breakdown = counter.Snapshot();
        var steps = instances * SequenceWorkload.StepsPerInstance;
        var byOperation = new JsonObject();
        foreach (var (operation, count) in breakdown)
        {
            byOperation[operation] = count;
        }

        var latency = new JsonObject();
        foreach (var (operation, ms) in counter.MeanMilliseconds())
        {
            latency[operation] = Math.Round(ms, 2);
        }

        return new Report("storage-ops")
            .Set("requests_per_step", (double)total / steps, 2)
            .Set("requests_total", total)
            .Set("steps", steps)
            .Set("requests_per_step_excluding_empty_polls", (double)(total - emptyReceives) / steps, 2)
            .Set("empty_queue_receives", emptyReceives)
            .Set("by_operation", byOperation)
            .Set("mean_ms_by_operation", latency)
            .Set("instances", instances)
            .Set("activities_per_instance", SequenceWorkload.Activities)
            .Set("workers", 1)
            .Set("max_concurrent_instances", concurrency)
            .Set("start_parallelism", startParallelism)
            .Set("seconds", run.Elapsed.TotalSeconds, 2)
            .Set("target_requests_per_step", 2);
    }
}
