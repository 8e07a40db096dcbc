using System.Collections.Concurrent;
using System.Diagnostics;
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
    private readonly ConcurrentDictionary<string, long> ticks = new(StringComparer.Ordinal);
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
        ticks.Clear();
        Interlocked.Exchange(ref emptyReceives, 0);
    }

    public SortedDictionary<string, long> Snapshot() => new(counts, StringComparer.Ordinal);

    /// <summary>Mean time from sending a request to its response, by operation: which requests the service finds expensive.</summary>
    public SortedDictionary<string, double> MeanMilliseconds() => new(
        counts.ToDictionary(c => c.Key, c => ticks.GetValueOrDefault(c.Key) * 1000.0 / Stopwatch.Frequency / c.Value),
        StringComparer.Ordinal);

    private string Count(string service, HttpMessage message)
    {
        var operation = $"{service}.{Operation(service, message.Request)}";
        counts.AddOrUpdate(operation, 1, (_, n) => n + 1);
        return operation;
    }

    private void Timed(string operation, long started) => ticks.AddOrUpdate(operation, Stopwatch.GetTimestamp() - started, (_, t) => t + Stopwatch.GetTimestamp() - started);

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
            var operation = counter.Count(service, message);
            var started = Stopwatch.GetTimestamp();
            ProcessNext(message, pipeline);
            counter.Timed(operation, started);
            AfterResponse(message);
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var operation = counter.Count(service, message);
            var started = Stopwatch.GetTimestamp();
            await ProcessNextAsync(message, pipeline);
            counter.Timed(operation, started);
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
