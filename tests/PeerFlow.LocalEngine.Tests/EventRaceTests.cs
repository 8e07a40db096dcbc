using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace PeerFlow.LocalEngine.Tests;

/// <summary>An external event raced against a 3-day timer, as PeerFlow's workflows wait for an answer or a deadline.</summary>
public sealed class EventRaceTests
{
    private const string Waiting = "waiting for a late answer";

    private static void Tasks(DurableTaskRegistry r) => r.AddOrchestratorFunc<string>("race", async ctx =>
    {
        using var cts = new CancellationTokenSource();
        var answer = ctx.WaitForExternalEvent<string>("answer", cts.Token);
        var deadline = ctx.CreateTimer(ctx.CurrentUtcDateTime.AddDays(3), cts.Token);
        var first = await Task.WhenAny(answer, deadline);
        cts.Cancel(); // not CancelAsync: an orchestrator must not hand work to the thread pool
        if (first == answer)
        {
            return "answered: " + await answer;
        }

        // The first wait was cancelled; an answer that comes now must still reach a new wait.
        ctx.SetCustomStatus(Waiting);
        return "timed out, then: " + await ctx.WaitForExternalEvent<string>("answer");
    });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_event_before_the_deadline_wins_and_the_timer_is_let_go(bool onAzurite)
    {
        await using var host = await EngineHost.StartAsync(Tasks, onAzurite);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("race");
        await Wait.UntilAsync(() => host.Timers.Snapshot().Any(t => t.InstanceId == id), "the deadline to be held");

        await host.Client.RaiseEventAsync(id, "answer", "yes");
        using var cts = Wait.Bound();
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("answered: yes", done.ReadOutputAs<string>());
        // A finished instance's timers are let go (just after the commit the client sees), so moving the clock later
        // fires nothing for it.
        await Wait.UntilAsync(() => host.Timers.Snapshot().All(t => t.InstanceId != id), "the finished instance's timer to be let go", TimeSpan.FromSeconds(30));
        Assert.Equal(0, await host.Timers.MoveToAsync(host.Clock.GetUtcNow().UtcDateTime.AddDays(4), CancellationToken.None));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Past_the_deadline_the_timeout_is_taken_and_a_later_event_reaches_a_new_wait(bool onAzurite)
    {
        await using var host = await EngineHost.StartAsync(Tasks, onAzurite);
        var start = host.Clock.GetUtcNow().UtcDateTime;
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("race");
        await Wait.UntilAsync(() => host.Timers.Snapshot().Any(t => t.InstanceId == id), "the deadline to be held");

        Assert.Equal(1, await host.Timers.MoveToAsync(start.AddDays(3).AddHours(1), CancellationToken.None));
        await Wait.UntilAsync(
            async () => (await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true))?.SerializedCustomStatus?.Contains(Waiting, StringComparison.Ordinal) == true,
            "the timeout path to start waiting again");
        await host.Client.RaiseEventAsync(id, "answer", "late");
        using var cts = Wait.Bound();
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("timed out, then: late", done.ReadOutputAs<string>());
    }
}
