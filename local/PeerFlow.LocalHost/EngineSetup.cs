using Azure.Data.Tables;
using PeerFlow.LocalEngine;
using PeerFlow.LocalEngine.Clock;
using PeerFlow.Orchestrations;
using PeerFlow.Web.Hosting;

namespace PeerFlow.LocalHost;

internal static class EngineSetup
{
    /// <summary>
    /// The Durable Task engine in this process: DurableTask.AzureStorage on the app's storage behind the gRPC
    /// sidecar, PeerFlow's workflows on its worker, and its client for the endpoints. In development the sandbox clock
    /// comes with it and is the app's one clock; elsewhere time is the system's.
    /// </summary>
    public static IServiceCollection AddPeerFlowEngine(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, StorageClients storage)
    {
        var hub = configuration["PEERFLOW_TASK_HUB"] ?? "PeerFlow";
        var connection = storage.ConnectionString
            ?? throw new InvalidOperationException("The local engine runs on a storage connection string (Azurite); in Azure the Functions host runs the engine.");
        var fast = environment.IsDevelopment() ? FastClockOf(configuration) : null;
        var clockStore = environment.IsDevelopment() && fast is null ? new TableClockStore(new TableClient(connection, hub + "Clock")) : null;
        services.AddLocalDurableTask(
            new LocalEngineSetup(logs => LocalBackend.AzureStorage(connection, hub, logs), clockStore, WorkflowVersion.Current) { FastClock = fast },
            registry => registry.AddPeerFlowWorkflows());
        return services;
    }

    /// <summary>
    /// PEERFLOW_CLOCK_SPEED (workflow seconds per real second) from PEERFLOW_CLOCK_FROM (a real instant, the same for
    /// every host on the store) at PEERFLOW_CLOCK_START (the workflow instant then; by default the same instant).
    /// </summary>
    private static FastClock? FastClockOf(IConfiguration configuration)
    {
        if (configuration["PEERFLOW_CLOCK_SPEED"] is not { Length: > 0 } speedText)
        {
            return null;
        }

        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var styles = System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal;
        if (!double.TryParse(speedText, System.Globalization.NumberStyles.Float, invariant, out var speed) || speed < 1)
        {
            throw new InvalidOperationException($"PEERFLOW_CLOCK_SPEED must be a number of at least 1, not '{speedText}'.");
        }

        if (!DateTime.TryParse(configuration["PEERFLOW_CLOCK_FROM"], invariant, styles, out var from))
        {
            throw new InvalidOperationException("PEERFLOW_CLOCK_SPEED needs PEERFLOW_CLOCK_FROM, the real instant (ISO 8601) every host counts from.");
        }

        var start = configuration["PEERFLOW_CLOCK_START"] is { Length: > 0 } startText
            ? DateTime.TryParse(startText, invariant, styles, out var parsed) ? parsed : throw new InvalidOperationException($"PEERFLOW_CLOCK_START is not an instant: '{startText}'.")
            : from;
        return new FastClock(speed, from, start);
    }
}
