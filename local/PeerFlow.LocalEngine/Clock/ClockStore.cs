using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace PeerFlow.LocalEngine.Clock;

/// <summary>From <see cref="RealAt"/> on, workflow time runs <see cref="Offset"/> ahead of real time.</summary>
public sealed record OffsetEntry(DateTime RealAt, TimeSpan Offset);

/// <summary>A durable timer held back until the sandbox clock reaches <see cref="FireAt"/>.</summary>
public sealed record HeldTimer(string InstanceId, string ExecutionId, int TimerId, DateTime FireAt)
{
    public string Key => $"{InstanceId}|{ExecutionId}|{TimerId}";
}

/// <summary>Where the sandbox clock keeps its offset log and held timers, so a restart keeps the sandbox date.</summary>
public interface IClockStore
{
    Task EnsureCreatedAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<OffsetEntry>> LoadOffsetsAsync(CancellationToken cancellationToken);

    Task AppendOffsetAsync(OffsetEntry entry, CancellationToken cancellationToken);

    Task<IReadOnlyList<HeldTimer>> LoadTimersAsync(CancellationToken cancellationToken);

    /// <summary>Idempotent: holding the same timer twice (a retried commit) keeps one row.</summary>
    Task HoldAsync(IReadOnlyCollection<HeldTimer> timers, CancellationToken cancellationToken);

    Task ForgetAsync(HeldTimer timer, CancellationToken cancellationToken);
}

/// <summary>The clock's rows in one Azure table beside the task hub's own.</summary>
public sealed class TableClockStore(TableClient table) : IClockStore
{
    private const string OffsetPartition = "offset";
    private const string TimerPartition = "timer";

    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);

    public async Task<IReadOnlyList<OffsetEntry>> LoadOffsetsAsync(CancellationToken cancellationToken)
    {
        var entries = new List<OffsetEntry>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {OffsetPartition}"), cancellationToken: cancellationToken))
        {
            entries.Add(new OffsetEntry(
                DateTime.SpecifyKind(row.GetDateTimeOffset("RealAt")!.Value.UtcDateTime, DateTimeKind.Utc),
                TimeSpan.FromTicks(row.GetInt64("OffsetTicks")!.Value)));
        }

        return [.. entries.OrderBy(e => e.RealAt)];
    }

    public Task AppendOffsetAsync(OffsetEntry entry, CancellationToken cancellationToken) =>
        table.UpsertEntityAsync(
            new TableEntity(OffsetPartition, entry.RealAt.Ticks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture))
            {
                ["RealAt"] = new DateTimeOffset(entry.RealAt, TimeSpan.Zero),
                ["OffsetTicks"] = entry.Offset.Ticks,
            },
            TableUpdateMode.Replace,
            cancellationToken);

    public async Task<IReadOnlyList<HeldTimer>> LoadTimersAsync(CancellationToken cancellationToken)
    {
        var timers = new List<HeldTimer>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {TimerPartition}"), cancellationToken: cancellationToken))
        {
            timers.Add(new HeldTimer(
                row.GetString("InstanceId"),
                row.GetString("ExecutionId"),
                row.GetInt32("TimerId")!.Value,
                DateTime.SpecifyKind(row.GetDateTimeOffset("FireAt")!.Value.UtcDateTime, DateTimeKind.Utc)));
        }

        return timers;
    }

    public async Task HoldAsync(IReadOnlyCollection<HeldTimer> timers, CancellationToken cancellationToken)
    {
        foreach (var timer in timers)
        {
            await table.UpsertEntityAsync(
                new TableEntity(TimerPartition, RowKey(timer))
                {
                    ["InstanceId"] = timer.InstanceId,
                    ["ExecutionId"] = timer.ExecutionId,
                    ["TimerId"] = timer.TimerId,
                    ["FireAt"] = new DateTimeOffset(timer.FireAt, TimeSpan.Zero),
                },
                TableUpdateMode.Replace,
                cancellationToken);
        }
    }

    public async Task ForgetAsync(HeldTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(TimerPartition, RowKey(timer), ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already forgotten.
        }
    }

    // Instance ids may hold characters that row keys refuse ('/', '\', '#', '?').
    private static string RowKey(HeldTimer timer) => Uri.EscapeDataString(timer.Key);
}

/// <summary>For workflow-logic tests on the in-memory backend: nothing outlives the process.</summary>
public sealed class MemoryClockStore : IClockStore
{
    private readonly ConcurrentQueue<OffsetEntry> offsets = new();
    private readonly ConcurrentDictionary<string, HeldTimer> timers = new();


    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<OffsetEntry>> LoadOffsetsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OffsetEntry>>([.. offsets.OrderBy(o => o.RealAt)]);

    public Task AppendOffsetAsync(OffsetEntry entry, CancellationToken cancellationToken)
    {
        offsets.Enqueue(entry);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<HeldTimer>> LoadTimersAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<HeldTimer>>([.. timers.Values]);

    public Task HoldAsync(IReadOnlyCollection<HeldTimer> timers, CancellationToken cancellationToken)
    {
        foreach (var timer in timers)
        {
            this.timers[timer.Key] = timer;
        }

        return Task.CompletedTask;
    }

    public Task ForgetAsync(HeldTimer timer, CancellationToken cancellationToken)
    {
        timers.TryRemove(timer.Key, out _);
        return Task.CompletedTask;
    }
}
