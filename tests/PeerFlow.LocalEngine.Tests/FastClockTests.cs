using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Time.Testing;
using PeerFlow.LocalEngine.Clock;

namespace PeerFlow.LocalEngine.Tests;

/// <summary>
/// The fast clock: a pure function of its settings (so several hosts keep one time) whose durable timers are left to
/// the backend's queue delays at the real instant the fast clock reaches them.
/// </summary>
public sealed class FastClockTests
{
    private static readonly DateTime RealFrom = new(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime WorkflowFrom = new(2027, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_minute_of_real_time_is_a_day_at_1440_and_two_clocks_with_the_same_settings_agree()
    {
        var real = new FakeTimeProvider(new DateTimeOffset(RealFrom));
        var one = new FastClock(1440, RealFrom, WorkflowFrom, real);
        var other = new FastClock(1440, RealFrom, WorkflowFrom, real);

        Assert.Equal(WorkflowFrom, one.GetUtcNow().UtcDateTime);
        real.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(WorkflowFrom.AddDays(1), one.GetUtcNow().UtcDateTime);
        Assert.Equal(one.GetUtcNow(), other.GetUtcNow());

        var due = WorkflowFrom.AddDays(3).AddHours(6);
        Assert.Equal(RealFrom.AddMinutes(3.25), one.ToRealTime(due));
        Assert.Equal(due, one.ToWorkflowTime(one.ToRealTime(due)));

        // Before its start it runs at real speed, so an instant recorded then keeps its distance.
        Assert.Equal(WorkflowFrom.AddMinutes(-5), one.ToWorkflowTime(RealFrom.AddMinutes(-5)));
        Assert.Equal(RealFrom.AddMinutes(-5), one.ToRealTime(WorkflowFrom.AddMinutes(-5)));
    }

    [Fact]
    public void A_speed_below_one_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FastClock(0.5, RealFrom, WorkflowFrom));

    /// <summary>
    /// A two-day timer at four hours a real second (12 s): it fires when the fast clock reaches it, by the
    /// orchestration's own "now". Were the timer handed to the backend at its workflow instant, the queue would hold it
    /// for days and the test would give up.
    /// </summary>
    [Fact]
    public async Task A_durable_timer_fires_when_the_fast_clock_reaches_it_and_the_orchestration_sees_workflow_time()
    {
        var realStart = DateTime.UtcNow;
        var fast = new FastClock(4 * 3_600, realStart, new DateTime(2027, 1, 4, 9, 0, 0, DateTimeKind.Utc));
        await using var host = await EngineHost.StartAsync(
            r => r.AddOrchestratorFunc<List<DateTime>>("sleeper", async ctx =>
            {
                var before = ctx.CurrentUtcDateTime;
                var due = before.AddDays(2);
                await ctx.CreateTimer(due, CancellationToken.None);
                return [before, due, ctx.CurrentUtcDateTime];
            }),
            onAzurite: true,
            fast: fast);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("sleeper");
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, patience.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var seen = done.ReadOutputAs<List<DateTime>>()!;
        Assert.True(seen[0] >= new DateTime(2027, 1, 4, 9, 0, 0, DateTimeKind.Utc), $"started at workflow time, not real time: {seen[0]:O}");
        // A queue's delay is whole seconds, so a timer may fire up to a real second early: four hours here.
        Assert.True(seen[2] >= seen[1].AddHours(-4), $"woke at {seen[2]:O}, due {seen[1]:O}");
    }
}
