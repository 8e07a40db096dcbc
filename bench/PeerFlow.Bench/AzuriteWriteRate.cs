using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;

namespace PeerFlow.Bench;

/// <summary>
/// What Azurite itself manages on this machine: single-entity table upserts, a fixed number of them spread over
/// parallel loops, each loop in its own partition of a fresh table. The engine's throughput is set against it, since
/// the absolute rates mostly say how fast this machine runs Azurite (a single Node.js process).
/// </summary>
internal static class AzuriteWriteRate
{
    public static async Task<double> MeasureAsync(string connectionString, int writes, int parallelism, TimeSpan limit)
    {
        var table = new TableClient(connectionString, BenchEngine.NewHub("rawwrites"));
        await table.CreateIfNotExistsAsync();
        try
        {
            // Warm-up: opens the connections and lets the JIT settle, so the count below is of steady writes.
            await WriteAsync(table, Math.Min(writes, 10 * parallelism), parallelism, CancellationToken.None);
            using var timeout = new CancellationTokenSource(limit);
            var clock = Stopwatch.StartNew();
            await WriteAsync(table, writes, parallelism, timeout.Token);
            return writes / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            await table.DeleteAsync();
        }
    }

    private static Task WriteAsync(TableClient table, int writes, int parallelism, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            Enumerable.Range(0, writes),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                // 100 row keys per partition in turn, so the table stays small: Azurite scans whole tables.
                var entity = new TableEntity($"p{i % parallelism}", (i / parallelism % 100).ToString("D3", CultureInfo.InvariantCulture))
                {
                    ["Status"] = "Running",
                    ["Step"] = i,
                };
                await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct);
            });
}
