using PeerFlow.Domain.Calendar;
using PeerFlow.Durable;

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
        var runAt = MonthlyRun.NextRunUtc(context.CurrentUtcDateTime);
        context.SetCustomStatus(new LifecycleStatus("scheduled", [new ScheduledItem("monthly-report", runAt)]));
        await context.CreateTimer(runAt, CancellationToken.None);
        var month = MonthlyRun.ReportedMonth(runAt);
        await context.CallActivityAsync<int>(ActivityNames.SendMonthlyReports, month, Retries.Storage);
        context.ContinueAsNew(null);
        return month;
    }
}
