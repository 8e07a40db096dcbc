using PeerFlow.Durable.History;
using PeerFlow.Durable.Testing;

namespace PeerFlow.Durable.Tests.Engine;

public class TimerTests
{
    [Fact]
    public async Task SixtyDayTimer_FiresAfterSixtyVirtualDays_AndNotBefore()
    {
        await using var host = new DurableTestHost(r => r
            .AddOrchestrator<object?, DateTime>("Wait60", async (ctx, _) =>
            {
                await ctx.CreateTimer(TimeSpan.FromDays(60), CancellationToken.None);
                return ctx.CurrentUtcDateTime;
            }));
        var start = host.Clock.GetUtcNow();

        var id = await host.StartAsync("Wait60");
        var waiting = await host.GetStatusAsync(id);
        var storedTimer = host.Store.EarliestTimer;
        await host.AdvanceAsync(TimeSpan.FromDays(59));
        var stillWaiting = await host.GetStatusAsync(id);
        await host.AdvanceAsync(TimeSpan.FromDays(2));

        Assert.Equal(start.UtcDateTime.AddDays(60), Assert.Single(waiting.PendingTimers!).FireAt);
        Assert.Equal(start.UtcDateTime.AddDays(60), storedTimer);
        Assert.Equal(OrchestrationRuntimeStatus.Running, stillWaiting.Status);
        var done = await host.GetStatusAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.Status);
        Assert.Equal(start.UtcDateTime.AddDays(60), done.ReadOutputAs<DateTime>());
        Assert.Single(done.History!.OfType<TimerCreated>());
    }

    [Fact]
    public async Task NinetyDayWorkflow_WithWeeklyTimers_RunsOnVirtualTime()
    {
        await using var host = new DurableTestHost(r => r
            .AddOrchestrator<object?, int>("Weekly", async (ctx, _) =>
            {
                var weeks = 0;
                while (weeks < 13)
                {
                    await ctx.CreateTimer(TimeSpan.FromDays(7), CancellationToken.None);
                    await ctx.CallActivityAsync("Remind", weeks);
                    weeks++;
                }

                return weeks;
            })
            .AddActivity<int, int>("Remind", (_, w) => Task.FromResult(w)));
        var start = host.Clock.GetUtcNow();

        var id = await host.StartAsync("Weekly");
        await host.AdvanceAsync(TimeSpan.FromDays(92));

        var status = await host.GetStatusAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, status.Status);
        Assert.Equal(13, status.ReadOutputAs<int>());
        Assert.Equal(start.AddDays(92), host.Clock.GetUtcNow());
        var fired = status.History!.OfType<TimerFired>().ToList();
        Assert.All(fired, f => Assert.True(f.Timestamp >= f.FireAt, "a timer fired early"));
    }

    [Fact]
    public async Task Timer_NeverFiresBeforeItsTime()
    {
        await using var host = new DurableTestHost(r => r
            .AddOrchestrator<object?, DateTime>("Short", async (ctx, _) =>
            {
                await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddSeconds(90.5), CancellationToken.None);
                return ctx.CurrentUtcDateTime;
            }));

        var id = await host.StartAsync("Short");
        await host.AdvanceAsync(TimeSpan.FromSeconds(90));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.GetStatusAsync(id)).Status);
        await host.AdvanceAsync(TimeSpan.FromSeconds(2));

        var status = await host.GetStatusAsync(id);
        var fired = Assert.Single(status.History!.OfType<TimerFired>());
        Assert.True(fired.Timestamp >= fired.FireAt);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, status.Status);
    }
}
