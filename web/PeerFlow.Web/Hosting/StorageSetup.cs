using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace PeerFlow.Web.Hosting;

/// <summary>PeerFlow's own tables and blobs (the engine's are the task hub's business).</summary>
public sealed record StorageClients(TableServiceClient Tables, BlobServiceClient Blobs, string? ConnectionString);

/// <summary>
/// Where PeerFlow's tables and blobs are: Azurite through a connection string locally, or service URIs with the
/// app's user-assigned managed identity in Azure (a deterministic credential, not the whole default chain).
/// </summary>
internal static class StorageSetup
{
    public static StorageClients CreateClients(IConfiguration configuration)
    {
        var connectionString = configuration["PEERFLOW_STORAGE"];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new StorageClients(new TableServiceClient(connectionString), new BlobServiceClient(connectionString), connectionString);
        }

        var blob = configuration["PEERFLOW_STORAGE_BLOB_URI"];
        var table = configuration["PEERFLOW_STORAGE_TABLE_URI"];
        var clientId = configuration["PEERFLOW_IDENTITY_CLIENT_ID"];
        if (string.IsNullOrWhiteSpace(blob) || string.IsNullOrWhiteSpace(table) || string.IsNullOrWhiteSpace(clientId))
        {
            throw new InvalidOperationException(
                "PeerFlow has no storage: set PEERFLOW_STORAGE to a connection string (Azurite, locally), or "
                + "PEERFLOW_STORAGE_BLOB_URI, PEERFLOW_STORAGE_TABLE_URI and PEERFLOW_IDENTITY_CLIENT_ID (Azure).");
        }

        TokenCredential credential = new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        return new StorageClients(new TableServiceClient(new Uri(table), credential), new BlobServiceClient(new Uri(blob), credential), null);
    }
}
