using Microsoft.DurableTask.Client;
using PeerFlow.Orchestrations.Starts;
using PeerFlow.Web.Hosting;

namespace PeerFlow.LocalHost;

/// <summary>The local host's workflow sweeper (the Functions app: a timer trigger), each round in a scope of its own.</summary>
internal sealed class WorkflowSweeper(IServiceScopeFactory scopes, TimeProvider time, ILogger<WorkflowSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(WorkflowSweep.Interval, time);
        try
        {
            do
            {
                await scopes.RunInScopeAsync<IServiceProvider>(services => WorkflowSweep.RunAsync(
                    services.GetRequiredService<LifecycleStarts>, services.GetRequiredService<PeerFlow.Domain.Storage.PeerFlowStore>, services.GetRequiredService<DurableTaskClient>(), time, logger, stoppingToken));
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
