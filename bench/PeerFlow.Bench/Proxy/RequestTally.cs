using System.Collections.Concurrent;

namespace PeerFlow.Bench.Proxy;

/// <summary>Requests counted by the proxy, by service and operation ("queue.receive", "blob.lease-renew", "table.query"...).</summary>
internal sealed class RequestTally
{
    private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);
    private long lostConnections;

    public long Total => counts.Values.Sum();

    /// <summary>Connections whose stream the scanner could not follow: their later requests are missing from the counts.</summary>
    public long LostConnections => Interlocked.Read(ref lostConnections);

    public void Count(string service, RequestHead request) => counts.AddOrUpdate($"{service}.{Operation(service, request)}", 1, (_, n) => n + 1);

    public void ConnectionLost() => Interlocked.Increment(ref lostConnections);

    public void Reset()
    {
        counts.Clear();
        Interlocked.Exchange(ref lostConnections, 0);
    }

    public SortedDictionary<string, long> Snapshot() => new(counts, StringComparer.Ordinal);

    /// <summary>From method, path and query: Azurite uses path-style addresses (/account/queue/messages).</summary>
    private static string Operation(string service, RequestHead request)
    {
        var method = request.Method.ToUpperInvariant();
        var split = request.Target.IndexOf('?', StringComparison.Ordinal);
        var path = Uri.UnescapeDataString(split < 0 ? request.Target : request.Target[..split]).TrimEnd('/');
        var query = split < 0 ? "" : request.Target[split..];
        var last = path[(path.LastIndexOf('/') + 1)..];
        return service switch
        {
            "queue" when path.EndsWith("/messages", StringComparison.Ordinal) => method switch
            {
                "GET" => query.Contains("peekonly=true", StringComparison.OrdinalIgnoreCase) ? "peek" : "receive",
                "POST" => "send",
                "DELETE" => "clear",
                _ => method.ToLowerInvariant(),
            },
            "queue" when path.Contains("/messages/", StringComparison.Ordinal) => method == "DELETE" ? "delete-message" : "update-message",
            "queue" when query.Contains("comp=metadata", StringComparison.OrdinalIgnoreCase) => "metadata",
            "blob" when query.Contains("comp=lease", StringComparison.OrdinalIgnoreCase) =>
                "lease-" + (request.Headers.TryGetValue("x-ms-lease-action", out var action) ? action.ToLowerInvariant() : "?"),
            "blob" when query.Contains("comp=list", StringComparison.OrdinalIgnoreCase) => "list",
            "blob" when query.Contains("restype=container", StringComparison.OrdinalIgnoreCase) => "container-" + method.ToLowerInvariant(),
            "table" when last == "$batch" => "batch",
            "table" when last == "Tables" || last.StartsWith("Tables(", StringComparison.Ordinal) => "tables",
            "table" when method == "GET" => "query",
            "table" when method == "POST" => "insert",
            "table" when method == "PUT" => "upsert",
            "table" when method is "MERGE" or "PATCH" => "merge",
            _ => method.ToLowerInvariant(),
        };
    }
}
