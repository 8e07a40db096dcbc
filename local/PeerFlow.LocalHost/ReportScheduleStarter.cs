using Microsoft.DurableTask.Client;
using PeerFlow.Web.Hosting;

namespace PeerFlow.LocalHost;

/// <summary>The local host makes sure the standing schedules (monthly reports, retention, mentor checks) run whenever it starts (the Functions app: a timer).</summary>
internal sealed class ReportScheduleStarter(IServiceScopeFactory scopes, ILogger<ReportScheduleStarter> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        scopes.RunInScopeAsync<DurableTaskClient>(workflows => StandingSchedules.EnsureRunningAsync(workflows, logger, cancellationToken));

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
