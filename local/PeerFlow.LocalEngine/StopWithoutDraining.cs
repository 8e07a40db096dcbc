using DurableTask.Core;
using Microsoft.Extensions.Logging;
using PeerFlow.LocalEngine.Clock;

namespace PeerFlow.LocalEngine;

/// <summary>
/// The sidecar stops its backend from an async void handler when its server stops, so a throw there ends the whole
/// process. The backend's ordinary stop drains every session it holds, and a session whose work item went to a worker
/// that had already stopped never finishes: the stop waited ten minutes, threw "Timed-out waiting for the partition
/// manager to shut down", and took a test run down with it. Forced, the stop aborts the sessions at once; their
/// messages come back after the queue's visibility timeout, as after a crash, which the engine is built for.
/// </summary>
internal sealed partial class StopWithoutDraining(IOrchestrationService inner, ILogger logger) : OrchestrationServiceDecorator(inner)
{
    public override Task StopAsync() => StopAsync(isForced: true);

    public override async Task StopAsync(bool isForced)
    {
        try
        {
            await base.StopAsync(isForced: true);
        }
        catch (Exception e)
        {
            // Nothing is left to handle it: the leases it could not release expire on their own.
            LogStopFailed(logger, e);
        }
    }

    [LoggerMessage(LogLevel.Warning, "The workflow backend did not stop cleanly; its partitions are taken over when their leases expire.")]
    private static partial void LogStopFailed(ILogger logger, Exception exception);
}
