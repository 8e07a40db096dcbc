using System.Globalization;
using PeerFlow.Domain.Calendar;
using Microsoft.DurableTask;
using PeerFlow.Orchestrations.Activities;

namespace PeerFlow.Orchestrations;

/// <summary>
/// One eternal instance (<see cref="InstanceId"/>) that applies each scheme's retention periods every day at
/// <see cref="DailyRun.RetentionAt"/> London time: a durable timer to the next run, the erasures, then a new generation
/// for the day after. Modelled on <see cref="MonthlyReportSchedule"/>; ids and counts only in its history.
/// </summary>
public sealed class RetentionSchedule : TaskOrchestrator<string?, RetentionOutcome>
{
    public const string Name = nameof(RetentionSchedule);

    public const string InstanceId = "retention-schedule";

    public override async Task<RetentionOutcome> RunAsync(TaskOrchestrationContext context, string? input)
    {
        // As the monthly schedule: a timer can fire a fraction early, and the next run must still be tomorrow's.
        var after = context.CurrentUtcDateTime;
        if (input is not null && DateTime.TryParse(input, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var lastRun) && lastRun > after)
        {
            after = lastRun;
        }

        var runAt = DailyRun.NextRunUtc(after, DailyRun.RetentionAt);
        context.SetCustomStatus(new LifecycleStatus("scheduled", [new ScheduledItem("retention", runAt)]));
        await context.CreateTimer(runAt, CancellationToken.None);
        RetentionOutcome outcome;
        try
        {
            outcome = await context.CallActivityAsync<RetentionOutcome>(ActivityNames.ApplyRetention, runAt.ToString("O", CultureInfo.InvariantCulture), Retries.Storage);
        }
        catch (TaskFailedException)
        {
            // A day whose run failed after its retries (storage down for hours) leaves its erasures to tomorrow's run,
            // which reads the same schedule: the schedule itself carries on rather than failing for good.
            outcome = new RetentionOutcome(0, 0, 0);
        }

        WorkflowVersion.ContinueAsNew(context, runAt.ToString("O", CultureInfo.InvariantCulture));
        return outcome;
    }
}
