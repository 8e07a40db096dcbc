using Microsoft.DurableTask;

namespace PeerFlow.Bench.Scenarios;

/// <summary>
/// The worker process of the recovery scenario (<c>PeerFlow.Bench recovery-child HUB ...</c>): runs the local engine on
/// the given task hub, optionally starts slow chains of activities, each of which records its step in the step log,
/// says "ready" on stdout, and runs until its stdin closes (the parent ended or let it go), or for at most
/// <c>--max-seconds</c> so that an orphan stops by itself.
/// </summary>
internal static class RecoveryChild
{
    public const string Orchestrator = "SlowChain";
    private const string Activity = "SlowStep";

    public static async Task<int> RunAsync(string hub, BenchArgs args)
    {
        var log = new StepLog(args.String("steps-file") ?? throw new ArgumentException("recovery-child needs --steps-file"));
        var instances = args.Int("instances", 0);
        var activities = args.Int("activities", 200);
        var activityDelay = TimeSpan.FromMilliseconds(args.Int("activity-ms", 500));
        var maxRun = TimeSpan.FromSeconds(args.Double("max-seconds", 240));

        await using var engine = await BenchEngine.StartAsync(BenchEngine.ConnectionString, hub, registry => registry
            .AddOrchestratorFunc<int, int>(Orchestrator, async (context, count) =>
            {
                for (var i = 0; i < count; i++)
                {
                    await context.CallActivityAsync(Activity, i);
                }

                return count;
            })
            .AddActivityFunc<int>(Activity, async (context, step) =>
            {
                await Task.Delay(activityDelay);
                log.Append(context.InstanceId, step);
            }));

        for (var i = 0; i < instances; i++)
        {
            await engine.Client.ScheduleNewOrchestrationInstanceAsync(Orchestrator, activities, new StartOrchestrationOptions($"slow-{i:D3}"));
        }

        await Console.Out.WriteLineAsync("ready");
        await Console.Out.FlushAsync();
        var stdinClosed = Task.Run(() =>
        {
            while (Console.In.ReadLine() is not null)
            {
                // Nothing is sent; the end of the stream is the signal.
            }
        });
        await Task.WhenAny(stdinClosed, Task.Delay(maxRun));
        return 0;
    }
}
