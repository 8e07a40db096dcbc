using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace PeerFlow.Durable.Storage.Azure;

/// <summary>The three service clients of one storage account, configured the way the engine needs them.</summary>
public sealed class AzureStorageClients
{
    /// <remarks>
    /// Prefer the factories: they give the queue client Base64 encoding and the handler that turns messages which
    /// are not Base64 into unreadable work items instead of failing every receive.
    /// </remarks>
    public AzureStorageClients(TableServiceClient tables, QueueServiceClient queues, BlobServiceClient blobs)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(blobs);
        Tables = tables;
        Queues = queues;
        Blobs = blobs;
    }

    public TableServiceClient Tables { get; }

    public QueueServiceClient Queues { get; }

    public BlobServiceClient Blobs { get; }

    /// <param name="configure">Applied to each client's options, e.g. to add a pipeline policy that counts requests.</param>
    public static AzureStorageClients FromConnectionString(string connectionString, Action<ClientOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        return new AzureStorageClients(
            new TableServiceClient(connectionString, Configure(new TableClientOptions(), configure)),
            new QueueServiceClient(connectionString, QueueOptions(configure)),
            new BlobServiceClient(connectionString, Configure(new BlobClientOptions(), configure)));
    }

    /// <param name="configure">Applied to each client's options, e.g. to add a pipeline policy that counts requests.</param>
    public static AzureStorageClients FromServiceUris(Uri blob, Uri queue, Uri table, TokenCredential credential, Action<ClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(credential);
        return new AzureStorageClients(
            new TableServiceClient(table, credential, Configure(new TableClientOptions(), configure)),
            new QueueServiceClient(queue, credential, QueueOptions(configure)),
            new BlobServiceClient(blob, credential, Configure(new BlobClientOptions(), configure)));
    }

    private static QueueClientOptions QueueOptions(Action<ClientOptions>? configure)
    {
        // The Functions host's queue trigger decodes Base64 by default; both sides must agree.
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        options.MessageDecodingFailed += UndecodableMessages.CollectAsync;
        return Configure(options, configure);
    }

    private static T Configure<T>(T options, Action<ClientOptions>? configure) where T : ClientOptions
    {
        configure?.Invoke(options);
        return options;
    }
}
