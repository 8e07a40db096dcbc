using PeerFlow.Durable.History;
using PeerFlow.Durable.Storage;
using PeerFlow.Durable.Testing;

namespace PeerFlow.Durable.Tests.Engine;

public class SequenceAndActivityTests
{
    [Fact]
    public async Task Sequence_OfActivities_CompletesWithTheirResultsInOrder()
    {
        await using var host = new DurableTestHost(r => r
            .AddOrchestrator<string, string>("Greet", async (ctx, name) =>
            {
                var a = await ctx.CallActivityAsync<string>("Hello", name);
                var b = await ctx.CallActivityAsync<string>("Hello", a);
                return b;
            })
            .AddActivity<string, string>("Hello", (_, s) => Task.FromResult($"hello {s}")));

        var id = await host.StartAsync("Greet", "ann");

        var status = await host.GetStatusAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, status.Status);
        Assert.Equal("hello hello ann", status.ReadOutputAs<string>());
        var kinds = status.History!.Select(e => e.GetType().Name).ToList();
        Assert.Equal(["ExecutionStarted", "TaskScheduled", "TaskCompleted", "TaskScheduled", "TaskCompleted", "ExecutionCompleted"], kinds);
    }

    [Fact]
    public async Task Activity_ReceivesIdempotencyKey_MadeOfInstanceGenerationAndTask()
    {
        var keys = new List<string>();
        await using var host = new DurableTestHost(r => r
            .AddOrchestrator<object?, int>("Two", async (ctx, _) =>
            {
                await ctx.CallActivityAsync("Record");
                await ctx.CallActivityAsync("Record");
                return 0;
            })
            .AddActivity<object?, object?>("Record", (ctx, _) => { keys.Add(ctx.IdempotencyKey); return Task.FromResult<object?>(null); }));

        var id = await host.StartAsync("Two", null, new StartOptions { InstanceId = "ref-1" });

        Assert.Equal("ref-1", id);
        Assert.Equal(["ref-1:0:0", "ref-1:0:1"], keys);
    }

    [Fact]
    public async Task FanOut_WhenAll_CollectsEveryResult()
    {
        await using var host = new DurableTestHost(r => r
            .AddOrchestrator<int, int>("FanOut", async (ctx, n) =>
            {
                var tasks = Enumerable.Range(1, n).Select(i => ctx.CallActivityAsync<int>("Square", i)).ToList();
                var results = await Task.WhenAll(tasks);
                return results.Sum();
            })
            .AddActivity<int, int>("Square", (_, i) => Task.FromResult(i * i)));

        var id = await host.StartAsync("FanOut", 10);

        var status = await host.GetStatusAsync(id);
        Assert.Equal(385, status.ReadOutputAs<int>());
        Assert.Equal(10, status.History!.OfType<TaskScheduled>().Count());
    }

    [Fact]
    public async Task Orchestrator_ThatThrows_IsFailedWithTheErrorType()
    {
        await using var host = new DurableTestHost(r => r
            .AddOrchestrator<object?, int>("Broken", (_, _) => throw new InvalidOperationException("bad state")));

        var id = await host.StartAsync("Broken");

        var status = await host.GetStatusAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, status.Status);
        Assert.Equal(typeof(InvalidOperationException).FullName, status.Record.Failure!.ErrorType);
    }

    [Fact]
    public async Task FailedActivity_SurfacesAsTaskFailedException_InTheOrchestrator()
    {
        await using var host = new DurableTestHost(r => r
            .AddOrchestrator<object?, string>("Catches", async (ctx, _) =>
            {
                try
                {
                    await ctx.CallActivityAsync("Fails");
                    return "no";
                }
                catch (TaskFailedException ex) when (ex.FailureDetails.IsCausedBy<TimeoutException>())
                {
                    return $"caught {ex.TaskName}";
                }
            })
            .AddActivity<object?, object?>("Fails", (_, _) => throw new TimeoutException("slow")));

        var id = await host.StartAsync("Catches");

        Assert.Equal("caught Fails", (await host.GetStatusAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Start_WithExistingId_IsIdempotent()
    {
        var runs = 0;
        await using var host = new DurableTestHost(r => r
            .AddOrchestrator<int, int>("Once", (_, i) => { runs++; return Task.FromResult(i); }));

        var first = await host.StartAsync("Once", 1, new StartOptions { InstanceId = "same" });
        var second = await host.StartAsync("Once", 2, new StartOptions { InstanceId = "same" });

        Assert.Equal(first, second);
        Assert.Equal(1, (await host.GetStatusAsync("same")).ReadOutputAs<int>());
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task Start_OfUnknownOrchestrator_IsRefused()
    {
        await using var host = new DurableTestHost(_ => { });

        await Assert.ThrowsAsync<ArgumentException>(() => host.Client.StartAsync("Nope"));
    }

    [Fact]
    public async Task CustomStatusAndAttributes_AreStoredAndQueryable()
    {
        await using var host = new DurableTestHost(r => r
            .AddOrchestrator<string, int>("Staged", async (ctx, scheme) =>
            {
                ctx.SetAttribute("scheme", scheme);
                ctx.SetAttribute("stage", "assessment");
                ctx.SetCustomStatus(new { stage = "assessment" });
                await ctx.WaitForExternalEvent<int>("go");
                return 0;
            }));

        var a = await host.StartAsync("Staged", "fostering");
        await host.StartAsync("Staged", "adoption");

        var page = await host.Client.QueryAsync(new InstanceQuery
        {
            Attributes = [new AttributeFilter("scheme", AttributeOperator.Equal, "fostering")],
        });
        Assert.Equal([a], page.Instances.Select(i => i.InstanceId));
        Assert.Equal("assessment", page.Instances[0].Attributes["stage"]);
        Assert.Contains("assessment", (await host.GetStatusAsync(a)).Record.CustomStatus);
    }
}
