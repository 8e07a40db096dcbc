using PeerFlow.Durable.History;
using PeerFlow.Durable.Storage;
using PeerFlow.Durable.Testing;

namespace PeerFlow.Durable.Tests.Engine;

public class PoisonTests
{
    /// <summary>A store that cannot commit any episode that schedules an activity: every delivery fails the same way.</summary>
    private sealed class RejectingStore(IInstanceStore inner) : DelegatingStore(inner)
    {
        public override Task<string?> TryCommitAsync(EpisodeCommit commit, CancellationToken cancellationToken) =>
            commit.Events.OfType<TaskScheduled>().Any()
                ? throw new InvalidOperationException("disk on fire")
                : base.TryCommitAsync(commit, cancellationToken);
    }

    [Fact]
    public async Task WakeUp_ThatKeepsFailing_IsQuarantined_AndTheInstanceFailedWithTheReason()
    {
        await using var host = new DurableTestHost(
            r => r
                .AddOrchestrator<object?, int>("Stuck", (ctx, _) => ctx.CallActivityAsync<int>("Never"))
                .AddActivity<object?, int>("Never", (_, _) => Task.FromResult(1)),
            configure: o => o.MaxDequeueCount = 3,
            decorateStore: s => new RejectingStore(s))
        { ThrowOnEngineErrors = false };

        var id = await host.StartAsync("Stuck");
        for (var delivery = 0; delivery < 4; delivery++)
        {
            await host.AdvanceAsync(TimeSpan.FromMinutes(6));
        }

        var status = await host.GetStatusAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, status.Status);
        Assert.Equal("Quarantined", status.Record.Failure!.ErrorType);
        Assert.Contains("disk on fire", status.Record.Failure.ErrorMessage);
        var quarantined = Assert.Single(await host.Client.GetQuarantinedAsync());
        Assert.Equal(id, quarantined.InstanceId);
        Assert.Equal(4, quarantined.DequeueCount);
        Assert.Equal(0, await host.Queue.ApproximateCountAsync(default));
    }
}
