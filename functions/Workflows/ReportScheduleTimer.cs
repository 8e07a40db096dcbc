using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using PeerFlow.Web.Hosting;

namespace PeerFlow.Functions.Workflows;

/// <summary>
/// Keeps the standing schedules (monthly reports, retention, mentor checks) running: a deployment starts them within
/// the hour, and an operator's mistake (terminating one) is repaired within the hour. Their own times are durable
/// timers in Europe/London: Flex Consumption's timer schedules are UTC only.
/// </summary>
public sealed class ReportScheduleTimer(ILogger<ReportScheduleTimer> logger)
{
    [Function(nameof(KeepReportScheduleRunning))]
    public Task KeepReportScheduleRunning([TimerTrigger("0 7 * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient workflows, CancellationToken cancellationToken) =>
        StandingSchedules.EnsureRunningAsync(workflows, logger, cancellationToken);
}
