using Azure;
using Azure.Data.Tables;
using Microsoft.DurableTask;

namespace PeerFlow.LocalEngine.Tests.Child;

public sealed record StepsJob(int Steps, string RunKey)
{
    public const string Orchestrator = "RecordSteps";
}

public sealed record StepRecord(string InstanceId, int Step, string IdempotencyKey);

/// <summary>
/// The side effect the crash tests count. Each activity run first notes an attempt (partition "attempt"), then looks
/// for its idempotency key and, only if no earlier run recorded it, appends a record (partition = instance id, a new
/// row key each time, so a second append would show as a second row). That check is the pattern PeerFlow's email
/// activities use: an activity re-run after a crash must find its key and not act twice.
/// </summary>
public sealed class StepLog(TableClient table, int? stallAt)
{
    public const string Activity = "RecordStep";
    public const string AttemptPartition = "attempt";

    public static string TableName(string hub) => hub + "Steps";

    public async Task<bool> RecordAsync(StepRecord step)
    {
        await table.AddEntityAsync(new TableEntity(AttemptPartition, $"{DateTime.UtcNow.Ticks:D19}-{Guid.NewGuid():N}")
        {
            ["InstanceId"] = step.InstanceId,
            ["Step"] = step.Step,
            ["Pid"] = Environment.ProcessId,
            ["At"] = DateTimeOffset.UtcNow,
        });

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {step.InstanceId} and IdempotencyKey eq {step.IdempotencyKey}");
        await foreach (var unused in table.QueryAsync<TableEntity>(filter, maxPerPage: 1))
        {
            return false;
        }

        await table.AddEntityAsync(new TableEntity(step.InstanceId, $"{step.Step:D4}-{Guid.NewGuid():N}")
        {
            ["IdempotencyKey"] = step.IdempotencyKey,
            ["Step"] = step.Step,
            ["Pid"] = Environment.ProcessId,
            ["At"] = DateTimeOffset.UtcNow,
        });

        if (step.Step == stallAt)
        {
            // Recorded, but never reported done: the test kills this process here.
            await Task.Delay(Timeout.InfiniteTimeSpan);
        }

        return true;
    }
}
