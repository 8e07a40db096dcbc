using Azure;
using PeerFlow.Durable.Storage.Azure;

namespace PeerFlow.Durable.Tests.Storage;

/// <summary>
/// The Azurite that <c>./peerflow test</c> starts, and a task hub of its own for each test, so that tests can run in
/// parallel and leave nothing to each other.
/// </summary>
internal static class AzuriteStorage
{
    private static readonly Lazy<AzureStorageClients> SharedClients = new(() => AzureStorageClients.FromConnectionString(ConnectionString));

    /// <summary>Fails rather than skips: a storage test that quietly did not run would look like a passing one.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("PEERFLOW_STORAGE") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                "PEERFLOW_STORAGE is not set, so the Azure Storage tests have no Azurite to run against. Run the tests with `./peerflow test`, which starts Azurite and sets PEERFLOW_STORAGE to its connection string.");

    public static AzureStorageClients Clients => SharedClients.Value;

    public static string NewTaskHub() => "t" + Guid.NewGuid().ToString("N")[..12];

    public static async Task DeleteTaskHubAsync(string taskHub)
    {
        var names = new TaskHubNames(taskHub);
        foreach (var table in new[] { names.History, names.Instances, names.Timers, names.Quarantine })
        {
            await IgnoreMissingAsync(() => Clients.Tables.DeleteTableAsync(table));
        }

        await IgnoreMissingAsync(() => Clients.Queues.DeleteQueueAsync(names.WorkQueue));
        await IgnoreMissingAsync(() => Clients.Blobs.DeleteBlobContainerAsync(names.Payloads));
    }

    private static async Task IgnoreMissingAsync(Func<Task> delete)
    {
        try
        {
            await delete();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }
}
