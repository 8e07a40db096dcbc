using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Xunit.Abstractions;

namespace PeerFlow.LocalEngine.Tests;

/// <summary>A host stopped and a new one started on the same task hub and clock table on Azurite.</summary>
public sealed class RestartTests(ITestOutputHelper log)
{
    [Fact]
    public async Task A_held_timer_survives_a_restart_and_fires_when_the_clock_passes_it()
    {
        static void Tasks(DurableTaskRegistry r) => r.AddOrchestratorFunc<int, DateTime>("wait", async (ctx, days) =>
        {
            await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddDays(days), CancellationToken.None);
            return ctx.CurrentUtcDateTime;
        });

        string id;
        string hub;
        DateTime start;
        Clock.HeldTimer held;
        await using (var before = await EngineHost.StartAsync(Tasks, onAzurite: true))
        {
            hub = before.Hub;
            start = before.Clock.GetUtcNow().UtcDateTime;
            id = await before.Client.ScheduleNewOrchestrationInstanceAsync("wait", 5);
            await Wait.UntilAsync(() => before.Timers.Snapshot().Any(t => t.InstanceId == id), "the 5-day timer to be held");
            held = before.Timers.Snapshot().Single(t => t.InstanceId == id);
        }

        await using var after = await EngineHost.StartAsync(Tasks, onAzurite: true, hub);
        Assert.Contains(held, after.Timers.Snapshot());
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await after.Client.GetInstanceAsync(id))!.RuntimeStatus);

        var fired = await after.Timers.MoveToAsync(start.AddDays(6), CancellationToken.None);
        using var cts = Wait.Bound();
        var done = await after.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);

        Assert.Equal(1, fired);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.True(done.ReadOutputAs<DateTime>() >= start.AddDays(5), $"the orchestration's now after the timer was {done.ReadOutputAs<DateTime>():O}");
        // Nor is it left in the clock's table, for a third start to hold again.
        var store = new Clock.TableClockStore(new Azure.Data.Tables.TableClient(EngineHost.Storage, hub + "Clock"));
        await Wait.UntilAsync(
            async () => (await store.LoadTimersAsync(CancellationToken.None)).All(t => t.InstanceId != id),
            "the fired timer to leave the clock's table",
            TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task An_orchestrator_changed_under_a_running_instance_fails_it_as_non_deterministic()
    {
        var ranY = 0;
        void Activities(DurableTaskRegistry r) => r
            .AddActivityFunc<string>("X", _ => "x")
            .AddActivityFunc<string>("Y", _ =>
            {
                Interlocked.Increment(ref ranY);
                return "y";
            });

        string id;
        string hub;
        DateTime start;
        await using (var versionA = await EngineHost.StartAsync(
            r =>
            {
                Activities(r);
                r.AddOrchestratorFunc<string>("changing", async ctx =>
                {
                    await ctx.CallActivityAsync<string>("X");
                    await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddDays(2), CancellationToken.None);
                    return "done";
                });
            },
            onAzurite: true))
        {
            hub = versionA.Hub;
            start = versionA.Clock.GetUtcNow().UtcDateTime;
            id = await versionA.Client.ScheduleNewOrchestrationInstanceAsync("changing");
            await Wait.UntilAsync(() => versionA.Timers.Snapshot().Any(t => t.InstanceId == id), "version A to call X and wait on its timer");
        }

        await using var versionB = await EngineHost.StartAsync(
            r =>
            {
                Activities(r);
                r.AddOrchestratorFunc<string>("changing", async ctx =>
                {
                    await ctx.CallActivityAsync<string>("Y");
                    await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddDays(2), CancellationToken.None);
                    return "done";
                });
            },
            onAzurite: true,
            hub);
        await versionB.Timers.MoveToAsync(start.AddDays(3), CancellationToken.None);
        using var cts = Wait.Bound();
        var done = await versionB.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        // DurableTask.Core's NonDeterministicOrchestrationException, as Microsoft.DurableTask 1.28 reports it. On Azure
        // Storage behind the sidecar the client gets no FailureDetails, only the message as the output (see
        // FailureReportTests), so the message is read from wherever it came.
        var message = done.FailureDetails?.ErrorMessage ?? done.SerializedOutput;
        Assert.NotNull(message);
        Assert.Contains("Non-Deterministic workflow detected", message, StringComparison.Ordinal);
        Assert.Contains("named 'X'", message, StringComparison.Ordinal);
        Assert.Contains("named 'Y'", message, StringComparison.Ordinal);
        // Not asserted, but worth knowing: the failing replay's actions are applied with the failure (DurableTask.Core
        // returns every action the replay produced, and the sidecar, like DTFx's own dispatcher, schedules them), so
        // the changed code's Y does run once here. An activity that a changed orchestrator would call first must be
        // as safe to run for a failing instance as any other.
        log.WriteLine($"activity Y ran {Volatile.Read(ref ranY)} time(s) for the instance that failed");
        await Wait.UntilAsync(() => versionB.Timers.Snapshot().All(t => t.InstanceId != id), "the failed instance's timers to be let go", TimeSpan.FromSeconds(30));
    }
}
