using PeerFlow.Durable.Testing;

namespace PeerFlow.Durable.Tests.Engine;

public class SubOrchestrationTests
{
    private static DurableTestHost Host() => new(r => r
        .AddOrchestrator<int, int>("Parent", async (ctx, n) =>
        {
            var first = await ctx.CallSubOrchestratorAsync<int>("Child", n);
            var parallel = await Task.WhenAll(Enumerable.Range(1, 3).Select(i => ctx.CallSubOrchestratorAsync<int>("Child", i)));
            return first + parallel.Sum();
        })
        .AddOrchestrator<int, int>("Child", async (ctx, n) =>
        {
            await ctx.CreateTimer(TimeSpan.FromHours(n), CancellationToken.None);
            return await ctx.CallActivityAsync<int>("Double", n);
        })
        .AddActivity<int, int>("Double", (_, n) => Task.FromResult(n * 2))
        .AddOrchestrator<object?, string>("Guardian", async (ctx, _) =>
        {
            try
            {
                await ctx.CallSubOrchestratorAsync("Faulty");
                return "no";
            }
            catch (TaskFailedException ex)
            {
                return ex.FailureDetails.ErrorMessage;
            }
        })
        .AddOrchestrator<object?, int>("Faulty", (_, _) => throw new InvalidOperationException("child broke")));

    [Fact]
    public async Task SubOrchestrations_InSequenceAndInParallel_ReturnTheirResults()
    {
        await using var host = Host();

        var id = await host.StartAsync("Parent", 5);
        await host.AdvanceAsync(TimeSpan.FromHours(9));

        var status = await host.GetStatusAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, status.Status);
        Assert.Equal(10 + 2 + 4 + 6, status.ReadOutputAs<int>());
        var child = await host.GetStatusAsync($"{id}:0:0");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child.Status);
        Assert.Equal(id, child.Record.Parent!.InstanceId);
    }

    [Fact]
    public async Task SubOrchestration_ThatFails_SurfacesInTheParent()
    {
        await using var host = Host();

        var id = await host.StartAsync("Guardian");

        Assert.Equal("child broke", (await host.GetStatusAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task TerminatingAChild_FailsTheParentsCall()
    {
        await using var host = Host();
        var id = await host.StartAsync("Parent", 5);

        await host.Client.TerminateAsync($"{id}:0:0", "stopped by coordinator");
        await host.RunUntilIdleAsync();

        var parent = await host.GetStatusAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, parent.Status);
        Assert.Contains("stopped by coordinator", parent.Record.Failure!.ErrorMessage);
    }
}
