using PeerFlow.Durable.History;
using PeerFlow.Durable.Testing;

namespace PeerFlow.Durable.Tests.Engine;

public class RetryTests
{
    private sealed class Flaky(int failures)
    {
        public int Calls { get; private set; }

        public Task<string> Run()
        {
            Calls++;
            return Calls <= failures ? throw new TimeoutException($"attempt {Calls}") : Task.FromResult("sent");
        }
    }

    private static DurableTestHost Host(Flaky flaky, RetryPolicy policy) => new(r => r
        .AddOrchestrator<object?, string>("Send", (ctx, _) => ctx.CallActivityAsync<string>("Email", null, TaskOptions.FromRetryPolicy(policy)))
        .AddActivity<object?, string>("Email", (_, _) => flaky.Run()));

    [Fact]
    public async Task Retry_WithBackoff_WaitsDurablyBetweenAttempts_ThenSucceeds()
    {
        var flaky = new Flaky(2);
        await using var host = Host(flaky, new RetryPolicy(3, TimeSpan.FromSeconds(10), backoffCoefficient: 2));

        var id = await host.StartAsync("Send");
        await host.AdvanceAsync(TimeSpan.FromMinutes(1));

        var status = await host.GetStatusAsync(id);
        Assert.Equal("sent", status.ReadOutputAs<string>());
        Assert.Equal(3, flaky.Calls);
        var timers = status.History!.OfType<TimerCreated>().ToList();
        var failures = status.History!.OfType<TaskFailed>().ToList();
        Assert.Equal(2, timers.Count);
        Assert.Equal(TimeSpan.FromSeconds(10), timers[0].FireAt - failures[0].Timestamp);
        Assert.Equal(TimeSpan.FromSeconds(20), timers[1].FireAt - failures[1].Timestamp);
    }

    [Fact]
    public async Task Retry_GivesUpAfterMaxAttempts()
    {
        var flaky = new Flaky(5);
        await using var host = Host(flaky, new RetryPolicy(3, TimeSpan.FromSeconds(1)));

        var id = await host.StartAsync("Send");
        await host.AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await host.GetStatusAsync(id)).Status);
        Assert.Equal(3, flaky.Calls);
    }

    [Fact]
    public async Task Retry_OnlyForTheFailuresItHandles()
    {
        var flaky = new Flaky(5);
        await using var host = Host(flaky, new RetryPolicy(3, TimeSpan.FromSeconds(1)) { Handle = f => !f.IsCausedBy<TimeoutException>() });

        var id = await host.StartAsync("Send");
        await host.AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await host.GetStatusAsync(id)).Status);
        Assert.Equal(1, flaky.Calls);
    }
}
