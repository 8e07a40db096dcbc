using PeerFlow.Web.Hosting;

namespace PeerFlow.LocalHost.Dev;

/// <summary>
/// Development only: seeds demo data when the store is empty. A singleton, as every hosted service is, so the seeder
/// (which raises workflow events through the scoped <c>WorkflowSignals</c>) runs in a scope of its own.
/// </summary>
public sealed partial class DemoData(IServiceScopeFactory scopes, ILogger<DemoData> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await scopes.RunInScopeAsync<DemoSeeder>(seeder => seeder.SeedIfEmptyAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // A half-seeded store is still a usable app: say so, and let the newcomer carry on.
            LogFailed(ex);
        }
    }

    [LoggerMessage(EventId = 9002, Level = LogLevel.Error, Message = "Seeding the demo data failed")]
    private partial void LogFailed(Exception exception);
}
