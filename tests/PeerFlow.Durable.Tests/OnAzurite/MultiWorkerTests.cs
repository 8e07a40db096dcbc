using System.Collections.Concurrent;
using PeerFlow.Durable.History;
using PeerFlow.Durable.Storage;

namespace PeerFlow.Durable.Tests.OnAzurite;

public class MultiWorkerTests
{
    [Fact]
    public async Task ThreeWorkers_OneStore_FinishTwoHundredInstances_EachExactlyOnce()
    {
        var hub = AzuriteEngine.NewHub();
        var runs = new ConcurrentDictionary<string, int>();
        void Register(DurableRegistry r) => r
            .AddOrchestrator<int, int>("TwoSteps", async (ctx, n) =>
            {
                var a = await ctx.CallActivityAsync<int>("Inc", n);
                return await ctx.CallActivityAsync<int>("Inc", a);
            })
            .AddActivity<int, int>("Inc", (ctx, n) => { runs.AddOrUpdate(ctx.IdempotencyKey, 1, (_, c) => c + 1); return Task.FromResult(n + 1); });

        await using var w1 = await AzuriteEngine.StartAsync(hub, Register);
        await using var w2 = await AzuriteEngine.StartAsync(hub, Register);
        await using var w3 = await AzuriteEngine.StartAsync(hub, Register);
        var ids = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            // Starting every instance twice, from different processes, also shows start is idempotent.
            ids.Add(await w1.Client.StartAsync("TwoSteps", i, new StartOptions { InstanceId = $"i{i:D3}" }));
            await w2.Client.StartAsync("TwoSteps", i, new StartOptions { InstanceId = $"i{i:D3}" });
        }

        foreach (var id in ids)
        {
            await w3.Client.WaitForCompletionAsync(id, TimeSpan.FromSeconds(120));
        }

        for (var i = 0; i < ids.Count; i++)
        {
            var status = (await w1.Client.GetStatusAsync(ids[i], includeHistory: true))!;
            Assert.Equal(OrchestrationRuntimeStatus.Completed, status.Status);
            Assert.Equal(i + 2, status.ReadOutputAs<int>());
            var history = status.History!;
            Assert.Single(history.OfType<ExecutionStarted>());
            Assert.Single(history.OfType<ExecutionCompleted>());
            Assert.Equal([0, 1], history.OfType<TaskScheduled>().Select(t => t.TaskId));
            Assert.Equal([0, 1], history.OfType<TaskCompleted>().Select(t => t.ScheduledId));
        }

        // The index is written just after the state row, so give the last few a moment.
        var completed = 0;
        for (var attempt = 0; attempt < 40 && completed != 200; attempt++)
        {
            await Task.Delay(250);
            completed = await CountCompleted(w1.Client);
        }

        Assert.Equal(200, completed);
        Assert.Equal(400, runs.Count);
    }

    private static async Task<int> CountCompleted(DurableClient client)
    {
        var completed = 0;
        string? token = null;
        do
        {
            var page = await client.QueryAsync(new InstanceQuery { Statuses = [OrchestrationRuntimeStatus.Completed], ContinuationToken = token });
            completed += page.Instances.Count;
            token = page.ContinuationToken;
        }
        while (token is not null);
        return completed;
    }
}
