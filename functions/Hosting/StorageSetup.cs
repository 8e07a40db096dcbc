using Azure.Identity;
using PeerFlow.Durable;
using PeerFlow.Durable.Storage;
using PeerFlow.Durable.Storage.Azure;

namespace PeerFlow.Functions.Hosting;

/// <summary>
/// Where PeerFlow's tables, queues and blobs are: Azurite through a connection string locally, or service URIs with
/// the app's user-assigned managed identity in Azure (a deterministic credential, not the whole default chain).
/// </summary>
internal static class StorageSetup
{
    public static IServiceCollection AddPeerFlowStorage(this IServiceCollection services, IConfiguration configuration, AzureStorageClients clients)
    {
        var hub = configuration["PEERFLOW_TASK_HUB"] ?? "PeerFlow";
        var store = new AzureInstanceStore(clients, hub);
        var queue = new AzureWorkQueue(clients, hub);
        services.AddSingleton(clients);
        services.AddDurableStorage(store, queue);
        services.AddHostedService(_ => new StorageInitializer(store, queue));
        return services;
    }

    public static AzureStorageClients CreateClients(IConfiguration configuration)
    {
        var connectionString = configuration["PEERFLOW_STORAGE"];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return AzureStorageClients.FromConnectionString(connectionString);
        }

        var blob = configuration["PEERFLOW_STORAGE_BLOB_URI"];
        var queue = configuration["PEERFLOW_STORAGE_QUEUE_URI"];
        var table = configuration["PEERFLOW_STORAGE_TABLE_URI"];
        var clientId = configuration["PEERFLOW_IDENTITY_CLIENT_ID"];
        if (string.IsNullOrWhiteSpace(blob) || string.IsNullOrWhiteSpace(queue) || string.IsNullOrWhiteSpace(table) || string.IsNullOrWhiteSpace(clientId))
        {
            throw new InvalidOperationException(
                "PeerFlow has no storage: set PEERFLOW_STORAGE to a connection string (Azurite, locally), or "
                + "PEERFLOW_STORAGE_BLOB_URI, PEERFLOW_STORAGE_QUEUE_URI, PEERFLOW_STORAGE_TABLE_URI and PEERFLOW_IDENTITY_CLIENT_ID (Azure).");
        }

        var credential = new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        return AzureStorageClients.FromServiceUris(new Uri(blob), new Uri(queue), new Uri(table), credential);
    }

    /// <summary>Creates the tables, queue and container before anything uses them; cheap when they exist.</summary>
    private sealed class StorageInitializer(AzureInstanceStore store, AzureWorkQueue queue) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await store.EnsureCreatedAsync(cancellationToken);
            await queue.EnsureCreatedAsync(cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
