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
        var clockStore = environment.IsDevelopment() ? new TableClockStore(new TableClient(connection, hub + "Clock")) : null;
        services.AddLocalDurableTask(
            new LocalEngineSetup(logs => LocalBackend.AzureStorage(connection, hub, logs), clockStore, WorkflowVersion.Current),
            registry => registry.AddPeerFlowWorkflows());
        return services;
    }
}
