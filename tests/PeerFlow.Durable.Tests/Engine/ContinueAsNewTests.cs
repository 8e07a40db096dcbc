using PeerFlow.Durable.History;
using PeerFlow.Durable.Testing;

namespace PeerFlow.Durable.Tests.Engine;

public class ContinueAsNewTests
{
    [Fact]
    public async Task ContinueAsNew_InALongLoop_KeepsHistoryBounded()
    {
        await using var host = new DurableTestHost(r => r
            .AddOrchestrator<int, int>("CheckIns", async (ctx, done) =>
            {
                if (done == 40)
                {
                    return done;
                }

                await ctx.CreateTimer(TimeSpan.FromDays(28), CancellationToken.None);
                await ctx.CallActivityAsync("Remind", done);
                ctx.ContinueAsNew(done + 1);
                return done;
            })
            .AddActivity<int, int>("Remind", (_, i) => Task.FromResult(i)));

        var id = await host.StartAsync("CheckIns", 0);
        var maxEvents = 0;
        for (var i = 0; i < 40; i++)
        {
            await host.AdvanceAsync(TimeSpan.FromDays(28));
            maxEvents = Math.Max(maxEvents, (await host.Store.GetHistoryAsync(id, default)).Count);
        }

        var status = await host.GetStatusAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, status.Status);
        Assert.Equal(40, status.ReadOutputAs<int>());
        Assert.Equal(40, status.Record.Generation);
        Assert.InRange(maxEvents, 1, 8);
        Assert.Equal(2, status.History!.Count);
    }

    [Fact]
    public async Task ContinueAsNew_CarriesUnprocessedEvents_IntoTheNextGeneration()
    {
        await using var host = new DurableTestHost(r => r
            .AddOrchestrator<int, string>("Carry", async (ctx, generation) =>
            {
                if (generation == 0)
                {
                    await ctx.WaitForExternalEvent<string>("first");
                    ctx.ContinueAsNew(1);
                    return string.Empty;
                }

                return await ctx.WaitForExternalEvent<string>("second");
            }));

        var id = await host.Client.StartAsync("Carry", 0);
        await host.Client.RaiseEventAsync(id, "first", "a");
        await host.Client.RaiseEventAsync(id, "second", "b");
        await host.RunUntilIdleAsync();

        var status = await host.GetStatusAsync(id);
        Assert.Equal("b", status.ReadOutputAs<string>());
        Assert.Equal(1, status.Record.Generation);
        Assert.Single(status.History!.OfType<EventRaised>());
    }
}
