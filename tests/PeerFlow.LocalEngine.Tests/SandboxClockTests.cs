using Azure.Data.Tables;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Time.Testing;
using PeerFlow.LocalEngine.Clock;

namespace PeerFlow.LocalEngine.Tests;

public sealed class SandboxClockTests
{
    // Odd ticks, so that a store that kept only milliseconds (or seconds) would show.
    private static readonly DateTimeOffset RealStart = new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero).AddTicks(1_234_567);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_ten_day_timer_fires_when_the_clock_passes_it_and_the_orchestration_sees_its_time(bool onAzurite)
    {
        await using var host = await EngineHost.StartAsync(r => r.AddOrchestratorFunc<int, DateTime>("wait", async (ctx, days) =>
        {
            var due = ctx.CurrentUtcDateTime.AddDays(days);
            await ctx.CreateTimer(due, CancellationToken.None);
            return ctx.CurrentUtcDateTime;
        }), onAzurite);
        var start = host.Clock.GetUtcNow().UtcDateTime;
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("wait", 10);
        await Wait.UntilAsync(() => host.Timers.Snapshot().Any(t => t.InstanceId == id), "the 10-day timer to be held");

        var fired = await host.Timers.MoveToAsync(start.AddDays(11), CancellationToken.None);
        using var cts = Wait.Bound();
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);

        Assert.Equal(1, fired);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var sawNow = done.ReadOutputAs<DateTime>();
        Assert.True(sawNow >= start.AddDays(10).AddSeconds(-1), $"the orchestration's now after the timer was {sawNow:O}");
    }

    [Fact]
    public async Task A_real_instant_maps_to_the_same_workflow_instant_before_and_after_later_moves()
    {
        var real = new FakeTimeProvider(RealStart);
        var clock = new SandboxClock(new MemoryClockStore(), real);
        await clock.LoadAsync(CancellationToken.None);
        var mapped = new Dictionary<DateTime, DateTime>();

        // Three stretches of real time, each ended by a move of 1, 2 and 3 days: every instant seen so far is asked
        // again after every move, and must map as it did when it was first asked.
        var offset = TimeSpan.Zero;
        for (var days = 1; days <= 3; days++)
        {
            for (var i = 0; i < 4; i++)
            {
                real.Advance(TimeSpan.FromMinutes(7));
                var instant = real.GetUtcNow().UtcDateTime;
                mapped[instant] = clock.ToWorkflowTime(instant);
                Assert.Equal(instant + offset, mapped[instant]);
                Assert.Equal(mapped[instant], clock.GetUtcNow().UtcDateTime);
            }

            real.Advance(TimeSpan.FromMilliseconds(1));
            Assert.True(await clock.MoveToAsync(clock.GetUtcNow().UtcDateTime.AddDays(days), CancellationToken.None));
            offset += TimeSpan.FromDays(days);
            foreach (var (instant, workflow) in mapped)
            {
                Assert.Equal(workflow, clock.ToWorkflowTime(instant));
            }
        }

        Assert.Equal(TimeSpan.FromDays(6), clock.Offset);
        real.Advance(TimeSpan.FromHours(1));
        Assert.Equal(real.GetUtcNow().UtcDateTime.AddDays(6), clock.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task An_instant_already_mapped_keeps_its_mapping_when_the_clock_moves_within_the_same_tick()
    {
        // The contract is "any real instant maps to the same workflow instant however often it is asked". A move
        // starts its offset at the real instant of the move, inclusively, so an instant that was mapped at that very
        // tick (a frozen or coarse real clock) is re-mapped by the move.
        var real = new FakeTimeProvider(RealStart);
        var clock = new SandboxClock(new MemoryClockStore(), real);
        await clock.LoadAsync(CancellationToken.None);
        var instant = real.GetUtcNow().UtcDateTime;
        var before = clock.ToWorkflowTime(instant);

        Assert.True(await clock.MoveToAsync(before.AddDays(2), CancellationToken.None));

        Assert.Equal(before, clock.ToWorkflowTime(instant));
    }

    [Fact]
    public async Task The_clock_never_moves_back()
    {
        var real = new FakeTimeProvider(RealStart);
        var store = new MemoryClockStore();
        var clock = new SandboxClock(store, real);
        await clock.LoadAsync(CancellationToken.None);
        Assert.True(await clock.MoveToAsync(RealStart.UtcDateTime.AddDays(2), CancellationToken.None));
        var now = clock.GetUtcNow();

        Assert.False(await clock.MoveToAsync(now.UtcDateTime.AddHours(-1), CancellationToken.None));
        Assert.False(await clock.MoveToAsync(now.UtcDateTime, CancellationToken.None));
        Assert.Equal(now, clock.GetUtcNow());

        // Real time passing carries workflow time past a target, which is then behind it too.
        real.Advance(TimeSpan.FromHours(1));
        Assert.False(await clock.MoveToAsync(now.UtcDateTime.AddMinutes(30), CancellationToken.None));
        Assert.Equal(now.AddHours(1), clock.GetUtcNow());
        Assert.Single(await store.LoadOffsetsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_move_to_an_earlier_time_fires_nothing_and_keeps_the_clock()
    {
        await using var host = await EngineHost.StartAsync(_ => { }, onAzurite: false);
        var later = host.Clock.GetUtcNow().UtcDateTime.AddDays(3);
        Assert.Equal(0, await host.Timers.MoveToAsync(later, CancellationToken.None));
        var offset = host.Clock.Offset;

        Assert.Equal(0, await host.Timers.MoveToAsync(later.AddDays(-1), CancellationToken.None));

        Assert.Equal(offset, host.Clock.Offset);
        Assert.True(host.Clock.GetUtcNow().UtcDateTime >= later);
    }

    [Fact]
    public async Task A_new_clock_over_the_same_table_keeps_the_sandbox_date_and_every_mapping()
    {
        var tableName = EngineHost.NewHubName() + "Clock";
        var real = new FakeTimeProvider(RealStart);
        var first = new SandboxClock(new TableClockStore(new TableClient(EngineHost.Storage, tableName)), real);
        await first.LoadAsync(CancellationToken.None);
        var instants = new List<DateTime>();
        for (var days = 1; days <= 3; days++)
        {
            real.Advance(TimeSpan.FromMinutes(5).Add(TimeSpan.FromTicks(3)));
            Assert.True(await first.MoveToAsync(first.GetUtcNow().UtcDateTime.AddDays(days), CancellationToken.None));
            var moveAt = real.GetUtcNow().UtcDateTime;
            // The tick before a move, the tick of it and a little after: where a store that rounded would differ.
            instants.AddRange([moveAt.AddTicks(-1), moveAt, moveAt.AddTicks(1), moveAt.AddMinutes(1)]);
        }

        real.Advance(TimeSpan.FromMinutes(2));

        // What a restarted process does: a new clock over a new client of the same table.
        var second = new SandboxClock(new TableClockStore(new TableClient(EngineHost.Storage, tableName)), real);
        await second.LoadAsync(CancellationToken.None);

        Assert.Equal(TimeSpan.FromDays(6), first.Offset);
        Assert.Equal(first.Offset, second.Offset);
        Assert.Equal(first.GetUtcNow(), second.GetUtcNow());
        Assert.All(instants, instant => Assert.Equal(first.ToWorkflowTime(instant), second.ToWorkflowTime(instant)));
        Assert.False(await second.MoveToAsync(first.GetUtcNow().UtcDateTime.AddHours(-1), CancellationToken.None));

        // And on the machine's own clock, through the public constructor, as the engine builds it.
        var live = new SandboxClock(new TableClockStore(new TableClient(EngineHost.Storage, tableName + "Live")));
        await live.LoadAsync(CancellationToken.None);
        Assert.True(await live.MoveToAsync(live.GetUtcNow().UtcDateTime.AddDays(30), CancellationToken.None));
        var restarted = new SandboxClock(new TableClockStore(new TableClient(EngineHost.Storage, tableName + "Live")));
        await restarted.LoadAsync(CancellationToken.None);
        Assert.Equal(live.Offset, restarted.Offset);
        Assert.InRange(restarted.GetUtcNow() - DateTimeOffset.UtcNow, TimeSpan.FromDays(30).Subtract(TimeSpan.FromMinutes(1)), TimeSpan.FromDays(30).Add(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task A_move_steps_through_timers_created_on_the_way_each_at_its_own_time()
    {
        // Each timer is created only when the one before it has fired, so a move that jumped straight to its target
        // would fire the first and leave the second a day past the target.
        await using var host = await EngineHost.StartAsync(r => r.AddOrchestratorFunc<int, List<DateTime>>("daily", async (ctx, count) =>
        {
            var seen = new List<DateTime>();
            for (var i = 0; i < count; i++)
            {
                await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddDays(1), CancellationToken.None);
                seen.Add(ctx.CurrentUtcDateTime);
            }

            return seen;
        }), onAzurite: false);
        var start = host.Clock.GetUtcNow().UtcDateTime;
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("daily", 3);
        await Wait.UntilAsync(() => host.Timers.Snapshot().Any(t => t.InstanceId == id), "the first timer to be held");

        var fired = await host.Timers.MoveToAsync(start.AddDays(3).AddHours(12), CancellationToken.None);
        using var cts = Wait.Bound();
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);

        Assert.Equal(3, fired);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var seen = done.ReadOutputAs<List<DateTime>>()!;
        for (var i = 0; i < 3; i++)
        {
            // At its own day, not at the move's target: real time only adds the engine's few seconds.
            Assert.InRange(seen[i], start.AddDays(i + 1), start.AddDays(i + 1).AddMinutes(2));
        }
    }

    [Fact]
    public async Task A_move_counts_a_timer_it_passes_even_when_the_release_loop_wakes_first()
    {
        // Moving the clock wakes HeldTimers' background loop (Moved), which releases due timers too. The loop runs on
        // the thread pool, so on a busy machine it may take the timer before the mover does: stand in for that by
        // holding the mover's thread (Moved handlers run on it) until the loop has taken the timer, or 5 s at most.
        await using var host = await EngineHost.StartAsync(r => r.AddOrchestratorFunc<int, DateTime>("wait", async (ctx, days) =>
        {
            await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddDays(days), CancellationToken.None);
            return ctx.CurrentUtcDateTime;
        }), onAzurite: false);
        var start = host.Clock.GetUtcNow().UtcDateTime;
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("wait", 2);
        await Wait.UntilAsync(() => host.Timers.Snapshot().Any(t => t.InstanceId == id), "the 2-day timer to be held");

        void LetTheLoopGoFirst()
        {
            var until = DateTime.UtcNow.AddSeconds(5);
            while (host.Timers.Snapshot().Count > 0 && DateTime.UtcNow < until)
            {
                Thread.Sleep(10);
            }
        }

        host.Clock.Moved += LetTheLoopGoFirst;
        int fired;
        try
        {
            fired = await host.Timers.MoveToAsync(start.AddDays(3), CancellationToken.None);
        }
        finally
        {
            host.Clock.Moved -= LetTheLoopGoFirst;
        }

        using var cts = Wait.Bound();
        var done = await host.Client.WaitForInstanceCompletionAsync(id, cts.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(1, fired);
    }
}
