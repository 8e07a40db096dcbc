using PeerFlow.Durable.History;
using PeerFlow.Durable.Storage;
using PeerFlow.Durable.Testing;

namespace PeerFlow.Durable.Tests.Engine;

public class LifecycleControlTests
{
    private static DurableTestHost Host() => new(r => r
        .AddOrchestrator<object?, string>("Waits", async (ctx, _) =>
        {
            await ctx.CreateTimer(TimeSpan.FromDays(10), CancellationToken.None);
            return await ctx.WaitForExternalEvent<string>("go");
        }));

    [Fact]
    public async Task Terminate_StopsTheInstance_AndClearsItsPendingTimers()
    {
        await using var host = Host();
        var id = await host.StartAsync("Waits");

        await host.Client.TerminateAsync(id, "withdrawn");
        await host.RunUntilIdleAsync();
        await host.AdvanceAsync(TimeSpan.FromDays(11));

        var status = await host.GetStatusAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, status.Status);
        Assert.Equal("withdrawn", status.Record.Failure!.ErrorMessage);
        Assert.Empty(status.PendingTimers!);
        Assert.Empty(status.History!.OfType<TimerFired>());
    }

    [Fact]
    public async Task Suspend_HoldsEventsAndTimers_UntilResume()
    {
        await using var host = Host();
        var id = await host.StartAsync("Waits");

        await host.Client.SuspendAsync(id, "family on holiday");
        await host.RunUntilIdleAsync();
        await host.AdvanceAsync(TimeSpan.FromDays(11));
        await host.RaiseEventAsync(id, "go", "done");
        var suspended = await host.GetStatusAsync(id);
        await host.Client.ResumeAsync(id);
        await host.RunUntilIdleAsync();

        Assert.Equal(OrchestrationRuntimeStatus.Suspended, suspended.Status);
        Assert.Empty(suspended.History!.OfType<TimerFired>());
        var status = await host.GetStatusAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, status.Status);
        Assert.Equal("done", status.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Purge_RemovesAFinishedInstance_ButNotARunningOne()
    {
        await using var host = Host();
        var running = await host.StartAsync("Waits");
        var finished = await host.StartAsync("Waits");
        await host.Client.TerminateAsync(finished);
        await host.RunUntilIdleAsync();

        Assert.False(await host.Client.PurgeAsync(running));
        Assert.True(await host.Client.PurgeAsync(finished));

        Assert.Null(await host.Client.GetStatusAsync(finished));
        Assert.NotNull(await host.Client.GetStatusAsync(running));
        Assert.Empty((await host.Client.QueryAsync(new InstanceQuery { Statuses = [OrchestrationRuntimeStatus.Terminated] })).Instances);
    }

    [Fact]
    public async Task PurgeByQuery_RemovesEveryMatchingFinishedInstance()
    {
        await using var host = Host();
        var ids = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            ids.Add(await host.StartAsync("Waits"));
        }

        foreach (var id in ids.Take(20))
        {
            await host.Client.TerminateAsync(id);
        }

        await host.RunUntilIdleAsync();

        var purged = await host.Client.PurgeAsync(new InstanceQuery { Name = "Waits" });

        Assert.Equal(20, purged);
        Assert.Equal(10, (await host.Client.QueryAsync(new InstanceQuery { Name = "Waits" })).Instances.Count);
    }
}
