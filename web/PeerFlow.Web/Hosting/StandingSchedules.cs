using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using PeerFlow.Orchestrations;

namespace PeerFlow.Web.Hosting;

/// <summary>
/// Makes sure each standing schedule exists (the monthly reports, the daily retention run, the daily look at mentors' checks): the local host
/// at start, the Functions app on a timer. Starting one is idempotent; a schedule that has ended (failed or terminated
/// by an operator) is purged and started afresh, so it never stops silently. A storage hiccup is logged, not fatal:
/// the next try repairs it.
/// </summary>
public static partial class StandingSchedules
{
    /// <summary>Each schedule's workflow name and its one instance id.</summary>
    public static IReadOnlyList<(string Name, string InstanceId)> All { get; } =
    [
        (MonthlyReportSchedule.Name, MonthlyReportSchedule.InstanceId),
        (RetentionSchedule.Name, RetentionSchedule.InstanceId),
        (MentorCheckSchedule.Name, MentorCheckSchedule.InstanceId),
        (CoordinatorDigestSchedule.Name, CoordinatorDigestSchedule.InstanceId),
    ];

    public static async Task EnsureRunningAsync(DurableTaskClient workflows, ILogger logger, CancellationToken cancellationToken)
    {
        foreach (var (name, instanceId) in All)
        {
            await EnsureRunningAsync(workflows, name, instanceId, logger, cancellationToken);
        }
    }

    private static async Task EnsureRunningAsync(DurableTaskClient workflows, string name, string instanceId, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            var status = await workflows.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
            if (status is not null && !status.IsCompleted)
            {
                return;
            }

            if (status is not null)
            {
                LogRestarting(logger, name, status.RuntimeStatus);
                await workflows.PurgeInstanceAsync(instanceId, cancellation: cancellationToken);
            }

            await workflows.ScheduleNewOrchestrationInstanceAsync(name, input: null, new StartOrchestrationOptions(instanceId), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, name, ex);
        }
    }

    [LoggerMessage(LogLevel.Warning, "The schedule {Schedule} had ended ({Status}); starting it again.")]
    private static partial void LogRestarting(ILogger logger, string schedule, OrchestrationRuntimeStatus status);

    [LoggerMessage(LogLevel.Error, "Could not make sure the schedule {Schedule} is running; the next try will repair it.")]
    private static partial void LogFailed(ILogger logger, string schedule, Exception exception);
}
