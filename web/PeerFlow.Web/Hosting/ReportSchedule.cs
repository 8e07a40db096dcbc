using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using PeerFlow.Orchestrations;

namespace PeerFlow.Web.Hosting;

/// <summary>
/// Makes sure the one monthly-report schedule exists: the local host at start, the Functions app on a timer. Starting
/// it is idempotent; a schedule that has ended (failed or terminated by an operator) is purged and started afresh, so
/// the reports never stop silently. A storage hiccup is logged, not fatal: the next try repairs it.
/// </summary>
public static partial class ReportSchedule
{
    public static async Task EnsureRunningAsync(DurableTaskClient workflows, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            var status = await workflows.GetInstanceAsync(MonthlyReportSchedule.InstanceId, getInputsAndOutputs: false, cancellationToken);
            if (status is not null && !status.IsCompleted)
            {
                return;
            }

            if (status is not null)
            {
                LogRestarting(logger, status.RuntimeStatus);
                await workflows.PurgeInstanceAsync(MonthlyReportSchedule.InstanceId, cancellation: cancellationToken);
            }

            await workflows.ScheduleNewOrchestrationInstanceAsync(MonthlyReportSchedule.Name, input: null, new StartOrchestrationOptions(MonthlyReportSchedule.InstanceId), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(LogLevel.Warning, "The monthly report schedule had ended ({Status}); starting it again.")]
    private static partial void LogRestarting(ILogger logger, OrchestrationRuntimeStatus status);

    [LoggerMessage(LogLevel.Error, "Could not make sure the monthly report schedule is running; the next try will repair it.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
