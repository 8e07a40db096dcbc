using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace PeerFlow.LocalEngine.Tests;

public sealed class ReplayTimeTests
{
    /// <summary>
    /// Every step's "now" is read once when the step first runs (and handed to the "note" activity, which runs once)
    /// and again on every later replay; the orchestration's output holds the values of its last replay. Between the
    /// steps the clock moves three times, so a replay that mapped history through today's offset instead of the
    /// offset in force when the event happened would see each earlier step days later than it first did, and one
    /// that saw real time would see no move at all.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_replay_sees_the_now_each_step_saw_when_it_first_ran(bool onAzurite)
    {
        var notes = new ConcurrentDictionary<int, DateTime>();
        var gates = new ConcurrentDictionary<int, TaskCompletionSource>();
        TaskCompletionSource Gate(int n) => gates.GetOrAdd(n, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        await using var host = await EngineHost.StartAsync(
            r => r
                .AddActivityFunc<Note>("note", (_, note) => notes.TryAdd(note.Step, note.Value))
                .AddActivityFunc<int>("gate", (_, n) => Gate(n).Task)
                .AddOrchestratorFunc<List<DateTime>>("steps", async ctx =>
                {
                    var seen = new List<DateTime>();
                    var t0 = ctx.CurrentUtcDateTime;
                    seen.Add(t0);
                    await ctx.CallActivityAsync("note", new Note(0, t0));
                    await ctx.CallActivityAsync("gate", 1); // the clock moves a day while this runs

                    var t1 = ctx.CurrentUtcDateTime;
                    seen.Add(t1);
                    await ctx.CallActivityAsync("note", new Note(1, t1));
                    var due = t1.AddDays(2); // computed before the timer, used after it
                    await ctx.CreateTimer(due, CancellationToken.None); // the clock moves past it

                    var t2 = ctx.CurrentUtcDateTime;
                    seen.Add(t2);
                    await ctx.CallActivityAsync("note", new Note(2, due));
                    await ctx.CallActivityAsync("note", new Note(3, t2));
                    // Not an activity: a move waits for running activities to finish (up to HeldTimers.SettleTimeout).
                    await ctx.WaitForExternalEvent<string>("go"); // the clock moves another day first

                    var t3 = ctx.CurrentUtcDateTime;
                    seen.Add(t3);
                    return seen;
                }),
            onAzurite);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("steps");

        await Wait.UntilAsync(() => gates.ContainsKey(1), "the first gate");
        await host.Timers.MoveToAsync(host.Clock.GetUtcNow().UtcDateTime.AddDays(1), CancellationToken.None);
        Gate(1).SetResult();

        await Wait.UntilAsync(() => host.Timers.Snapshot().Any(t => t.InstanceId == id), "the 2-day timer to be held");
        Assert.Equal(1, await host.Timers.MoveToAsync(host.Clock.GetUtcNow().UtcDateTime.AddDays(2).AddHours(1), CancellationToken.None));

        await host.Timers.MoveToAsync(host.Clock.GetUtcNow().UtcDateTime.AddDays(1), CancellationToken.None);
        await host.Client.RaiseEventAsync(id, "go", "go");

        using var cts = Wait.Bound();
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
        var last = done.ReadOutputAs<List<DateTime>>()!;

        // The last replay saw every step's now as its first run did.
        Assert.Equal(notes[0], last[0]);
        Assert.Equal(notes[1], last[1]);
        Assert.Equal(notes[3], last[2]);
        // The deadline computed before the timer, recomputed on the replay after it, is the one first computed.
        Assert.Equal(notes[1].AddDays(2), notes[2]);
        // And the moves did show: a day between the first two steps, the timer's two days, another day at the end.
        Assert.True(last[1] - last[0] >= TimeSpan.FromDays(1), $"{last[0]:O} then {last[1]:O}");
        Assert.True(last[2] >= notes[2], $"after the timer due {notes[2]:O} the orchestration saw {last[2]:O}");
        Assert.True(last[3] - last[2] >= TimeSpan.FromDays(1), $"{last[2]:O} then {last[3]:O}");
        Assert.True(last[3] - last[0] < TimeSpan.FromDays(4).Add(TimeSpan.FromHours(1)).Add(Wait.Long), $"{last[0]:O} to {last[3]:O}");
    }

    private sealed record Note(int Step, DateTime Value);
}
