using System.Collections.Concurrent;

namespace PeerFlow.Durable.Tests.OnAzurite;

public class LongActivityTests
{
    [Fact]
    public async Task ActivityLongerThanTheVisibilityTimeout_RunsOnce_BecauseTheWorkerKeepsItsMessageHidden()
    {
        var hub = AzuriteEngine.NewHub();
        var runs = new ConcurrentDictionary<string, int>();
        void Register(DurableRegistry r) => r
            .AddOrchestrator<object?, int>("Slow", (ctx, _) => ctx.CallActivityAsync<int>("Takes6s"))
            .AddActivity<object?, int>("Takes6s", async (ctx, _) =>
            {
                runs.AddOrUpdate(ctx.IdempotencyKey, 1, (_, c) => c + 1);
                await Task.Delay(TimeSpan.FromSeconds(6));
                return 1;
            });
        void TwoSecondVisibility(DurableOptions o) => o.VisibilityTimeout = TimeSpan.FromSeconds(2);

        await using var first = await AzuriteEngine.StartAsync(hub, Register, configure: TwoSecondVisibility);
        await using var second = await AzuriteEngine.StartAsync(hub, Register, configure: TwoSecondVisibility);
        var id = await first.Client.StartAsync("Slow");
        var status = await first.Client.WaitForCompletionAsync(id, TimeSpan.FromSeconds(60));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, status.Status);
        Assert.Equal(1, Assert.Single(runs).Value);
    }
}
