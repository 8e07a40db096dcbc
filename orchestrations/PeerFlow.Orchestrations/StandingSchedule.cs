using System.Globalization;
using Microsoft.DurableTask;

namespace PeerFlow.Orchestrations;

/// <summary>
/// One eternal instance that does its work at set London times: a durable timer to the next run, the run, then a new
/// generation for the one after (so its history stays one run long). The monthly reports, retention and the mentor
/// checks each say only when they run and what a run does.
/// </summary>
public abstract class StandingSchedule<TOutput> : TaskOrchestrator<string?, TOutput>
{
    /// <summary>The item the instance's status names, as the referral workflows' plans do.</summary>
    protected abstract string Item { get; }

    /// <summary>The next run strictly after <paramref name="utc"/>.</summary>
    protected abstract DateTime NextRunUtc(DateTime utc);

    /// <summary>The run due at <paramref name="runAt"/>: activities only, ids and counts in their inputs and outputs.</summary>
    protected abstract Task<TOutput> RunDueAsync(TaskOrchestrationContext context, DateTime runAt);

    public sealed override async Task<TOutput> RunAsync(TaskOrchestrationContext context, string? input)
    {
        ArgumentNullException.ThrowIfNull(context);

        // The last run's time comes in as input: a timer can fire a fraction early by the orchestration's clock, and
        // the next run must still be the next one, not this one again.
        var after = context.CurrentUtcDateTime;
        if (input is not null && DateTime.TryParse(input, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var lastRun) && lastRun > after)
        {
            after = lastRun;
        }

        var runAt = NextRunUtc(after);
        context.SetCustomStatus(new LifecycleStatus("scheduled", [new ScheduledItem(Item, runAt)]));
        await context.CreateTimer(runAt, CancellationToken.None);
        var output = await RunDueAsync(context, runAt);
        WorkflowVersion.ContinueAsNew(context, runAt.ToString("O", CultureInfo.InvariantCulture));
        return output;
    }
}
