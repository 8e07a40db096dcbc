using PeerFlow.Durable;
using PeerFlow.Orchestrations;

namespace PeerFlow.Functions.Hosting;

/// <summary>
/// Makes sure the one monthly-report schedule exists whenever the app starts. Starting it is idempotent; a schedule
/// that has ended (failed or terminated by an operator) is purged and started afresh, so the reports never stop
/// silently. A storage hiccup here is logged, not fatal: the next start tries again.
/// </summary>
internal sealed partial class ReportScheduleStarter(DurableClient workflows, ILogger<ReportScheduleStarter> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var status = await workflows.GetStatusAsync(MonthlyReportSchedule.InstanceId, cancellationToken: cancellationToken);
            if (status is not null && status.Status.IsTerminal())
            {
                LogRestarting(status.Status);
                await workflows.PurgeAsync(MonthlyReportSchedule.InstanceId, cancellationToken);
            }

            await workflows.StartAsync(MonthlyReportSchedule.Name, null, new StartOptions { InstanceId = MonthlyReportSchedule.InstanceId }, cancellationToken);
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
