using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using PeerFlow.Orchestrations;

namespace PeerFlow.LocalHost;

/// <summary>
/// Makes sure the one monthly-report schedule exists whenever the app starts. Starting it is idempotent; a schedule
/// that has ended (failed or terminated by an operator) is purged and started afresh, so the reports never stop
/// silently. A storage hiccup here is logged, not fatal: the next start tries again.
/// </summary>
internal sealed partial class ReportScheduleStarter(DurableTaskClient workflows, ILogger<ReportScheduleStarter> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
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
                LogRestarting(status.RuntimeStatus);
                await workflows.PurgeInstanceAsync(MonthlyReportSchedule.InstanceId, cancellation: cancellationToken);
            }

            await workflows.ScheduleNewOrchestrationInstanceAsync(MonthlyReportSchedule.Name, input: null, new StartOrchestrationOptions(MonthlyReportSchedule.InstanceId), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Warning, "The monthly report schedule had ended ({Status}); starting it again.")]
    private partial void LogRestarting(OrchestrationRuntimeStatus status);

    [LoggerMessage(LogLevel.Error, "Could not make sure the monthly report schedule is running; the next start will try again.")]
    private partial void LogFailed(Exception exception);
}
