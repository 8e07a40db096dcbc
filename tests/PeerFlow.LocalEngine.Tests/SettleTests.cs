using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using PeerFlow.LocalEngine.Clock;

namespace PeerFlow.LocalEngine.Tests;

/// <summary>
/// <see cref="WorkInFlight.WhenIdleAsync"/>: what PeerFlow's workflow tests wait on before they look at the results
/// ("every start, event, released timer and activity has been handled").
/// </summary>
public sealed class SettleTests
{
    [Fact]
    public async Task After_a_move_the_engine_is_idle_only_when_the_timers_it_passed_have_been_handled()
    {
        await using var host = await EngineHost.StartAsync(
            r => r
                .AddActivityFunc<string>("after", _ => "after")
                .AddOrchestratorFunc<string>("wait", async ctx =>
                {
                    await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddDays(1), CancellationToken.None);
                    return await ctx.CallActivityAsync<string>("after");
                }),
            onAzurite: false);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await host.Client.ScheduleNewOrchestrationInstanceAsync("wait"));
        }

        await Wait.UntilAsync(() => host.Timers.Snapshot().Count == 3, "three timers to be held");

        await host.Timers.MoveToAsync(host.Clock.GetUtcNow().UtcDateTime.AddDays(2), CancellationToken.None);
        using var cts = Wait.Bound();
        await host.InFlight.WhenIdleAsync(cts.Token);

        foreach (var id in ids)
        {
            Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        }
    }

    [Fact]
    public async Task A_timer_already_due_when_it_is_held_keeps_the_engine_busy_until_it_has_been_handled()
    {
        // A deadline computed from a date the sandbox clock has already passed makes a timer that is due as soon as
        // it is held. HeldTimers counts a timer as in flight only when its loop releases it, so between the commit
        // that holds it and that release the engine can look idle. Here the loop is held up releasing an earlier
        // timer (the store's ForgetAsync stalls), which widens that gap from the thread pool's whim to as long as
        // the test likes.
        var store = new StallingClockStore();
        await using var host = await EngineHost.StartAsync(
            r => r.AddOrchestratorFunc<string>("late", async ctx =>
            {
                await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddHours(-1), CancellationToken.None);
                return "fired";
            }),
            onAzurite: false,
            clockStore: store);

        var first = await host.Client.ScheduleNewOrchestrationInstanceAsync("late");
        await store.Stalled.Task.WaitAsync(Wait.Long);
        using (var cts = Wait.Bound())
        {
            await host.Client.WaitForInstanceCompletionAsync(first, cts.Token);
        }

        var second = await host.Client.ScheduleNewOrchestrationInstanceAsync("late");
        await Wait.UntilAsync(() => host.Timers.Snapshot().Any(t => t.InstanceId == second), "the second instance's due timer to be held");

        // If the engine says it is idle now, the second instance must have finished: its timer was due.
        var settled = host.InFlight.WhenIdleAsync(CancellationToken.None);
        var settledWhileHeld = await Task.WhenAny(settled, Task.Delay(TimeSpan.FromSeconds(3))) == settled;
        var statusWhenSettled = (await host.Client.GetInstanceAsync(second))!.RuntimeStatus;
        store.Release.SetResult();
        using (var cts = Wait.Bound())
        {
            await settled.WaitAsync(cts.Token);
            await host.Client.WaitForInstanceCompletionAsync(second, cts.Token);
        }

        Assert.False(
            settledWhileHeld && statusWhenSettled != OrchestrationRuntimeStatus.Completed,
            $"the engine reported idle while the second instance was {statusWhenSettled} with its due timer still held");
    }

    /// <summary>A memory store whose first ForgetAsync (the release loop's, after it sends a timer) waits for the test.</summary>
    private sealed class StallingClockStore : IClockStore
    {
        private readonly MemoryClockStore inner = new();
        private int forgets;

        public TaskCompletionSource Stalled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task EnsureCreatedAsync(CancellationToken cancellationToken) => inner.EnsureCreatedAsync(cancellationToken);

        public Task<IReadOnlyList<OffsetEntry>> LoadOffsetsAsync(CancellationToken cancellationToken) => inner.LoadOffsetsAsync(cancellationToken);

        public Task AppendOffsetAsync(OffsetEntry entry, CancellationToken cancellationToken) => inner.AppendOffsetAsync(entry, cancellationToken);

        public Task<IReadOnlyList<HeldTimer>> LoadTimersAsync(CancellationToken cancellationToken) => inner.LoadTimersAsync(cancellationToken);

        public Task HoldAsync(IReadOnlyCollection<HeldTimer> timers, CancellationToken cancellationToken) => inner.HoldAsync(timers, cancellationToken);

        public async Task ForgetAsync(HeldTimer timer, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref forgets) == 1)
            {
                Stalled.SetResult();
                await Release.Task;
            }

            await inner.ForgetAsync(timer, cancellationToken);
        }
    }
}
