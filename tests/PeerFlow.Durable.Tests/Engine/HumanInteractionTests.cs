using PeerFlow.Durable.History;
using PeerFlow.Durable.Testing;

namespace PeerFlow.Durable.Tests.Engine;

public class HumanInteractionTests
{
    private static DurableTestHost Host() => new(r => r
        .AddOrchestrator<object?, string>("Approval", async (ctx, _) =>
        {
            try
            {
                var answer = await ctx.WaitForExternalEvent<string>("answer", TimeSpan.FromDays(3));
                return $"answered {answer}";
            }
            catch (TimeoutException)
            {
                return "timed out";
            }
        }));

    [Fact]
    public async Task WaitForExternalEvent_WithTimeout_EventWins_AndTheTimerIsCancelled()
    {
        await using var host = Host();
        var id = await host.StartAsync("Approval");
        Assert.Single((await host.GetStatusAsync(id)).PendingTimers!);

        await host.AdvanceAsync(TimeSpan.FromDays(1));
        await host.RaiseEventAsync(id, "answer", "yes");

        var status = await host.GetStatusAsync(id);
        Assert.Equal("answered yes", status.ReadOutputAs<string>());
        Assert.Empty(status.PendingTimers!);
        var created = Assert.Single(status.History!.OfType<TimerCreated>());
        Assert.Equal(created.TaskId, Assert.Single(status.History!.OfType<TimerCancelled>()).TimerId);
        Assert.Empty(status.History!.OfType<TimerFired>());
    }

    [Fact]
    public async Task WaitForExternalEvent_WithTimeout_TimerWins_AndALateEventIsIgnored()
    {
        await using var host = Host();
        var id = await host.StartAsync("Approval");

        await host.AdvanceAsync(TimeSpan.FromDays(3));
        var late = await host.Client.RaiseEventAsync(id, "answer", "too late");

        var status = await host.GetStatusAsync(id);
        Assert.Equal("timed out", status.ReadOutputAs<string>());
        Assert.False(late);
    }

    [Fact]
    public async Task RaiseEvent_BeforeTheOrchestratorWaits_IsKeptUntilItDoes()
    {
        await using var host = new DurableTestHost(r => r
            .AddOrchestrator<object?, string>("Later", async (ctx, _) =>
            {
                await ctx.CreateTimer(TimeSpan.FromHours(2), CancellationToken.None);
                return await ctx.WaitForExternalEvent<string>("note");
            }));

        var id = await host.Client.StartAsync("Later");
        await host.Client.RaiseEventAsync(id, "note", "early bird");
        await host.RunUntilIdleAsync();
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.GetStatusAsync(id)).Status);
        await host.AdvanceAsync(TimeSpan.FromHours(2));

        Assert.Equal("early bird", (await host.GetStatusAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task WhenAny_RaceBetweenTwoEvents_TakesTheFirstAndLeavesTheOtherBuffered()
    {
        await using var host = new DurableTestHost(r => r
            .AddOrchestrator<object?, string>("Race", async (ctx, _) =>
            {
                using var cts = new CancellationTokenSource();
                var accept = ctx.WaitForExternalEvent<string>("accept", cts.Token);
                var decline = ctx.WaitForExternalEvent<string>("decline", cts.Token);
                var winner = await Task.WhenAny(accept, decline);
                cts.Cancel();
                var second = await ctx.WaitForExternalEvent<string>(winner == accept ? "decline" : "accept");
                return $"{await winner} then {second}";
            }));

        var id = await host.StartAsync("Race");
        await host.RaiseEventAsync(id, "decline", "no");
        await host.RaiseEventAsync(id, "accept", "yes");

        Assert.Equal("no then yes", (await host.GetStatusAsync(id)).ReadOutputAs<string>());
    }
}
