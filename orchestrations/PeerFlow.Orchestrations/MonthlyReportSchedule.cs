using System.Globalization;
using PeerFlow.Domain.Calendar;
using Microsoft.DurableTask;

namespace PeerFlow.Orchestrations;

/// <summary>
/// One eternal instance (<see cref="InstanceId"/>) that sends each scheme's managers their evaluation report on the
/// first of the month: a durable timer to the next run, the emails, then a new generation for the month after.
/// </summary>
public sealed class MonthlyReportSchedule : TaskOrchestrator<string?, string>
{
    public const string Name = nameof(MonthlyReportSchedule);

    public const string InstanceId = "monthly-report-schedule";

    public override async Task<string> RunAsync(TaskOrchestrationContext context, string? input)
    {
        // The last run's time comes in as input: a timer can fire a fraction early by the orchestration's clock, and
        // the next run must still be next month's, not this one's again.
        var after = context.CurrentUtcDateTime;
        if (input is not null && DateTime.TryParse(input, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var lastRun) && lastRun > after)
        {
            after = lastRun;
        }

        var runAt = MonthlyRun.NextRunUtc(after);
        context.SetCustomStatus(new LifecycleStatus("scheduled", [new ScheduledItem("monthly-report", runAt)]));
        await context.CreateTimer(runAt, CancellationToken.None);
        var month = MonthlyRun.ReportedMonth(runAt);
        await context.CallActivityAsync<int>(ActivityNames.SendMonthlyReports, month, Retries.Storage);
        WorkflowVersion.ContinueAsNew(context, runAt.ToString("O", CultureInfo.InvariantCulture));
        return month;
    }
}
