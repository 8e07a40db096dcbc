using System.Collections.Concurrent;
using PeerFlow.Durable.History;

namespace PeerFlow.Durable.Tests.OnAzurite;

/// <summary>
/// A worker dies at each point between the steps of processing; a later delivery of the same wake-up must finish
/// the instance with nothing lost and nothing recorded twice.
/// </summary>
public class CrashRecoveryTests
{
    /// <summary>Each point, at an occurrence reached while processing.</summary>
    public static TheoryData<FaultPoint, int> Points() => new()
    {
        { FaultPoint.BeforeCommit, 1 },
        { FaultPoint.BeforeCommit, 3 },
        { FaultPoint.AfterCommit, 1 },
        { FaultPoint.AfterCommit, 2 },
        { FaultPoint.AfterCommit, 4 },
        { FaultPoint.AfterWakeupSent, 1 },
        { FaultPoint.AfterChildCreated, 1 },
        { FaultPoint.AfterInboxWritten, 1 },
        { FaultPoint.BeforeIndex, 2 },
        { FaultPoint.BeforeMessageDelete, 1 },
        { FaultPoint.BeforeMessageDelete, 2 },
    };

    [Theory]
    [MemberData(nameof(Points))]
    public async Task WorkerDyingAt_LosesNothing_AndDuplicatesNothing(FaultPoint point, int occurrence)
    {
        var runs = new ConcurrentDictionary<string, int>();
        var fault = new Fault(point, occurrence);
        void Register(DurableRegistry r) => r
            .AddOrchestrator<int, int>("Pipeline", async (ctx, n) =>
            {
                var a = await ctx.CallActivityAsync<int>("Add", n);
                await ctx.CreateTimer(TimeSpan.FromSeconds(4), CancellationToken.None);
                var b = await ctx.CallSubOrchestratorAsync<int>("Child", a);
                return await ctx.CallActivityAsync<int>("Add", b);
            })
            .AddOrchestrator<int, int>("Child", (ctx, n) => ctx.CallActivityAsync<int>("Add", n * 10))
            .AddActivity<int, int>("Add", (ctx, n) => { runs.AddOrUpdate(ctx.IdempotencyKey, 1, (_, c) => c + 1); return Task.FromResult(n + 1); });

        await using var engine = await AzuriteEngine.StartAsync(AzuriteEngine.NewHub(), Register, s => new FaultyStore(s, fault), q => new FaultyQueue(q, fault));
        var id = await engine.Client.StartAsync("Pipeline", 1);
        var status = await engine.Client.WaitForCompletionAsync(id, TimeSpan.FromSeconds(60));

        Assert.True(fault.Fired, $"the fault at {point} #{occurrence} was never reached");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, status.Status);
        Assert.Equal(((1 + 1) * 10) + 1 + 1, status.ReadOutputAs<int>());
        foreach (var instance in new[] { id, $"{id}:0:2" })
        {
            var history = (await engine.Client.GetStatusAsync(instance, includeHistory: true))!.History!;
            Assert.Single(history.OfType<ExecutionStarted>());
            Assert.Single(history.OfType<ExecutionCompleted>());
            AssertUnique(history.OfType<ActionEvent>().Where(a => a is not ExecutionCompleted).Select(a => a.TaskId));
            AssertUnique(history.OfType<TaskCompleted>().Select(c => c.ScheduledId));
            AssertUnique(history.OfType<TimerFired>().Select(c => c.TimerId));
            AssertUnique(history.OfType<SubOrchestrationCompleted>().Select(c => c.ScheduledId));
        }

        Assert.Equal(new[] { $"{id}:0:0", $"{id}:0:3", $"{id}:0:2:0:0" }.Order(), runs.Keys.Order());
    }

    private static void AssertUnique(IEnumerable<int> ids)
    {
        var list = ids.ToList();
        Assert.Equal(list.Count, list.Distinct().Count());
    }
}
