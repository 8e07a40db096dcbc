using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace PeerFlow.Bench;

/// <summary>
/// Counts every HTTP request the storage clients send, by service and operation ("table.batch", "queue.receive"...).
/// Added per retry, so a retried request counts each time it goes over the wire, as the service bills it.
/// </summary>
internal sealed class RequestCounter
{
    private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);
    private long emptyReceives;

    /// <summary>For <c>AzureStorageClients.FromConnectionString(..., counter.Configure)</c>: one policy per service client.</summary>
    public void Configure(ClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var service = options switch
        {
            TableClientOptions => "table",
            QueueClientOptions => "queue",
            _ => "blob",
        };
        options.AddPolicy(new Policy(this, service), HttpPipelinePosition.PerRetry);
    }

    public long Total => counts.Values.Sum();

    /// <summary>Queue receives that returned no message: idle polling, included in the total.</summary>
    public long EmptyReceives => Interlocked.Read(ref emptyReceives);

    public void Reset()
    {
        counts.Clear();
        Interlocked.Exchange(ref emptyReceives, 0);
    }

    public SortedDictionary<string, long> Snapshot() => new(counts, StringComparer.Ordinal);

    private void Count(string service, HttpMessage message)
    {
        counts.AddOrUpdate($"{service}.{Operation(service, message.Request)}", 1, (_, n) => n + 1);
    }

    private void Counted(HttpMessage message)
    {
        // An empty receive is the XML list with no <QueueMessage> in it.
        if (message.HasResponse && message.Response.Status == 200 && !message.Response.Content.ToString().Contains("<QueueMessage>", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref emptyReceives);
        }
    }

    /// <summary>The operation, from method and path: works for path-style (Azurite) and host-style (Azure) addresses.</summary>
    private static string Operation(string service, Request request)
    {
        var method = request.Method.Method.ToUpperInvariant();
        var path = Uri.UnescapeDataString(request.Uri.Path).TrimEnd('/');
        var last = path[(path.LastIndexOf('/') + 1)..];
        var query = request.Uri.Query ?? "";
        return service switch
        {
            "table" when last == "$batch" => "batch",
            "table" when last == "Tables" || last.StartsWith("Tables(", StringComparison.Ordinal) => "admin",
            "table" when method == "GET" => last.Contains("PartitionKey=", StringComparison.Ordinal) ? "get" : "query",
            "table" when method == "POST" => "insert",
            "table" when method == "PUT" => "upsert",
            "table" when method is "MERGE" or "PATCH" => "merge",
            "table" when method == "DELETE" => "delete",
            "queue" when path.EndsWith("/messages", StringComparison.Ordinal) => method switch
            {
                "POST" => "send",
                "GET" => query.Contains("peekonly=true", StringComparison.OrdinalIgnoreCase) ? "peek" : "receive",
                "DELETE" => "clear",
                _ => method.ToLowerInvariant(),
            },
            "queue" when path.Contains("/messages/", StringComparison.Ordinal) => method == "DELETE" ? "delete" : "update",
            "queue" when query.Contains("comp=metadata", StringComparison.OrdinalIgnoreCase) => "properties",
            "queue" when method == "PUT" => "create",
            "blob" when query.Contains("comp=list", StringComparison.OrdinalIgnoreCase) => "list",
            _ => method.ToLowerInvariant(),
        };
    }

    private sealed class Policy(RequestCounter counter, string service) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            counter.Count(service, message);
            ProcessNext(message, pipeline);
            AfterResponse(message);
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            counter.Count(service, message);
            await ProcessNextAsync(message, pipeline);
            AfterResponse(message);
        }

        private void AfterResponse(HttpMessage message)
        {
            if (service == "queue" && message.Request.Method == RequestMethod.Get && message.Request.Uri.Path.EndsWith("/messages", StringComparison.Ordinal))
            {
                counter.Counted(message);
            }
        }
    }
}
