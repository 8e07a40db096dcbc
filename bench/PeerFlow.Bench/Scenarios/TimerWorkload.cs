using System.Collections.Concurrent;
using Microsoft.DurableTask;

namespace PeerFlow.Bench.Scenarios;

/// <summary>
/// Each instance waits on one durable timer due at the time it is given, then reports what it saw: its own "now" right
/// after the timer (the time of the episode that took the TimerFired) and, through an activity, the machine's clock
/// when that activity ran. The activity runs in this process, so the figures land in <see cref="Fired"/> directly.
/// </summary>
internal sealed class TimerWorkload
{
    public const string Orchestrator = "WaitForTimer";
    private const string Activity = "RecordFired";

    /// <summary>By instance id: an activity may run twice (at-least-once), the first report counts.</summary>
    public ConcurrentDictionary<string, Firing> Fired { get; } = new(StringComparer.Ordinal);

    public void Register(DurableTaskRegistry registry) => registry
        .AddOrchestratorFunc<DateTime, DateTime>(Orchestrator, async (context, due) =>
        {
            await context.CreateTimer(due, CancellationToken.None);
            var seen = context.CurrentUtcDateTime;
            await context.CallActivityAsync(Activity, new Firing(context.InstanceId, due, seen, default));
            return seen;
        })
        .AddActivityFunc<Firing>(Activity, (_, firing) => { Fired.TryAdd(firing.InstanceId, firing with { ActivityNow = DateTime.UtcNow }); });

    /// <param name="OrchestrationNow">The orchestration's CurrentUtcDateTime right after the timer.</param>
    /// <param name="ActivityNow">The machine's clock when the activity after the timer ran.</param>
    internal sealed record Firing(string InstanceId, DateTime Due, DateTime OrchestrationNow, DateTime ActivityNow)
    {
        public double LatenessMs => (OrchestrationNow - Due).TotalMilliseconds;

        public double ActivityLatenessMs => (ActivityNow - Due).TotalMilliseconds;
    }
}
