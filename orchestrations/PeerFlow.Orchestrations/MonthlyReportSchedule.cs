using Microsoft.DurableTask;
using PeerFlow.Domain.Calendar;

namespace PeerFlow.Orchestrations;

/// <summary>
/// One eternal instance (<see cref="InstanceId"/>) that sends each scheme's managers their evaluation report on the
/// first of the month at 09:00 London.
/// </summary>
public sealed class MonthlyReportSchedule : StandingSchedule<string>
{
    public const string Name = nameof(MonthlyReportSchedule);

    public const string InstanceId = "monthly-report-schedule";

    protected override string Item => "monthly-report";

    protected override DateTime NextRunUtc(DateTime utc) => MonthlyRun.NextRunUtc(utc);

    protected override async Task<string> RunDueAsync(TaskOrchestrationContext context, DateTime runAt)
    {
        var month = MonthlyRun.ReportedMonth(runAt);
        await context.CallActivityAsync<int>(ActivityNames.SendMonthlyReports, month, Retries.Storage);
        return month;
    }
}
