using System.Text.Json.Nodes;
using PeerFlow.Bench.Proxy;

namespace PeerFlow.Bench.Scenarios;

/// <summary>
/// Storage transactions an idle engine costs: the engine runs with nothing to do, its connection string pointing at a
/// counting proxy in front of Azurite, and the requests over <c>--seconds</c> (after a <c>--warmup</c> that covers
/// creating the task hub and taking the partition leases) are extrapolated to an hour. Each request is a billed
/// storage transaction on Azure, so this is what a deployed app pays to wait.
/// </summary>
internal static class IdleScenario
{
    public static async Task<Report> RunAsync(BenchArgs args)
    {
        var warmup = TimeSpan.FromSeconds(args.Double("warmup", 15));
        var window = TimeSpan.FromSeconds(args.Double("seconds", 60));
        var loadStart = LoadAverage.Read();
        var connectionString = BenchEngine.ConnectionString;
        var hub = BenchEngine.NewHub("idle");

        long startupRequests, requests, lostConnections;
        SortedDictionary<string, long> byOperation;
        try
        {
            await using (var proxy = CountingProxy.Start(connectionString))
            {
                await using (var engine = await BenchEngine.StartAsync(proxy.ConnectionString, hub, _ => { }))
                {
                    Console.Error.WriteLine($"bench:   engine up; {warmup.TotalSeconds:0} s of warm-up, then {window.TotalSeconds:0} s counted");
                    await Task.Delay(warmup);
                    startupRequests = proxy.Tally.Total;
                    proxy.Tally.Reset();
                    await Task.Delay(window);
                    requests = proxy.Tally.Total;
                    byOperation = proxy.Tally.Snapshot();
                    lostConnections = proxy.Tally.LostConnections;
                }
            }
        }
        finally
        {
            await BenchEngine.DeleteHubAsync(connectionString, hub);
        }

        var perHour = new JsonObject();
        foreach (var (operation, count) in byOperation)
        {
            perHour[operation] = Math.Round(count * 3600 / window.TotalSeconds);
        }

        return new Report("idle")
            .Set("transactions_per_hour", requests * 3600 / window.TotalSeconds, 0)
            .Set("requests_per_s", requests / window.TotalSeconds, 2)
            .Set("requests", requests)
            .Set("per_hour_by_operation", perHour)
            .Set("startup_requests", startupRequests)
            .Set("unfollowed_connections", lostConnections)
            .Set("load_start", loadStart)
            .Set("load_end", LoadAverage.Read())
            .Set("cores", Environment.ProcessorCount)
            .Set("warmup_s", warmup.TotalSeconds, 0)
            .Set("seconds", window.TotalSeconds, 0);
    }
}
