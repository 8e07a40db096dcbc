using Azure.Data.Tables;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PeerFlow.LocalEngine;
using PeerFlow.LocalEngine.Tests.Child;

// dotnet PeerFlow.LocalEngine.Tests.Child.dll HUB [--start INSTANCES STEPS] [--stall-at STEP]
//   Runs the local engine on task hub HUB (Azure Storage at $PEERFLOW_STORAGE, real time: no clock store) until killed.
//   --start     schedules INSTANCES orchestrations job0..jobN-1 of STEPS sequential activities each.
//   --stall-at  makes the activity of step STEP hang after it has recorded its step, so that a kill lands between
//               an activity's side effect and the engine's record of its completion.
if (args.Length < 1)
{
    await Console.Error.WriteLineAsync("usage: HUB [--start INSTANCES STEPS] [--stall-at STEP]");
    return 2;
}

var hub = args[0];
int? instances = null;
var steps = 0;
int? stallAt = null;
for (var i = 1; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--start":
            instances = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
            steps = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
            break;
        case "--stall-at":
            stallAt = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
            break;
        default:
            await Console.Error.WriteLineAsync($"unknown argument {args[i]}");
            return 2;
    }
}

var storage = Environment.GetEnvironmentVariable("PEERFLOW_STORAGE")
    ?? throw new InvalidOperationException("PEERFLOW_STORAGE is not set.");
var table = new TableClient(storage, StepLog.TableName(hub));
await table.CreateIfNotExistsAsync();

var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var log = new StepLog(table, stallAt);
builder.Services.AddLocalDurableTask(
    new LocalEngineSetup(logs => LocalBackend.AzureStorage(storage, hub, logs), ClockStore: null),
    tasks => tasks
        .AddOrchestratorFunc<StepsJob, int>(StepsJob.Orchestrator, async (ctx, job) =>
        {
            for (var step = 1; step <= job.Steps; step++)
            {
                // The key comes from the orchestration's input, so every run of the same step carries the same one.
                await ctx.CallActivityAsync<bool>(StepLog.Activity, new StepRecord(ctx.InstanceId, step, $"{job.RunKey}/{ctx.InstanceId}/{step}"));
            }

            return job.Steps;
        })
        .AddActivityFunc<StepRecord, bool>(StepLog.Activity, (ctx, step) => log.RecordAsync(step)));

using var host = builder.Build();
await host.StartAsync();
if (instances is { } count)
{
    var client = host.Services.GetRequiredService<DurableTaskClient>();
    var runKey = Guid.NewGuid().ToString("N");
    for (var i = 0; i < count; i++)
    {
        await client.ScheduleNewOrchestrationInstanceAsync(
            StepsJob.Orchestrator, new StepsJob(steps, runKey), new StartOrchestrationOptions($"job{i}"));
    }
}

Console.WriteLine($"running on {hub}");
await host.WaitForShutdownAsync();
return 0;
