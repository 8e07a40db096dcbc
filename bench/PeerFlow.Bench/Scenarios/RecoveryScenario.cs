using System.Text.Json.Nodes;

namespace PeerFlow.Bench.Scenarios;

/// <summary>
/// Seconds from the SIGKILL of a worker process to the first step that a new worker process on the same task hub
/// records: how long work stalls after a crash. The first child starts slow chains and is killed once some steps are
/// recorded; a second child is started at once on the same hub, and the step log shows when work resumes.
/// </summary>
/// <remarks>
/// What bounds it is the backend's settings in <c>LocalBackend.AzureStorage</c>: the new process must wait for the dead
/// one's partition leases to expire (LeaseInterval 20 s, tried every LeaseAcquireInterval 5 s) before it reads the
/// control queues, and for messages the dead one had taken to become visible again (visibility timeouts 30 s).
/// </remarks>
internal static class RecoveryScenario
{
    public static async Task<Report> RunAsync(BenchArgs args)
    {
        var instances = args.Int("instances", 4);
        var activities = args.Int("activities", 200);
        var activityMs = args.Int("activity-ms", 500);
        var killAfterSteps = args.Int("kill-after-steps", 10);
        var loadStart = LoadAverage.Read();
        var connectionString = BenchEngine.ConnectionString;
        var hub = BenchEngine.NewHub("recovery");
        var log = new StepLog(Path.Combine(Path.GetTempPath(), $"peerflow-bench-{hub}.steps"));
        try
        {
            Measured measured;
            using (var first = ChildWorker.Start(hub, log, instances, activities, activityMs))
            {
                await first.WaitForReadyAsync(TimeSpan.FromSeconds(90));
                await WaitForStepsAsync(log, s => s.Count >= killAfterSteps, TimeSpan.FromSeconds(60), $"{killAfterSteps} steps from the first worker");
                var killedAt = await first.KillAsync();
                var before = log.Read();
                Console.Error.WriteLine($"bench:   killed worker {first.Id} after {before.Count} steps; starting a new one on the same task hub");
                using var second = ChildWorker.Start(hub, log, instances: 0, activities, activityMs);
                measured = await MeasureResumeAsync(log, second, killedAt, before, instances);
                await second.StopAsync();
            }

            return new Report("recovery")
                .Set("recovery_s", measured.FirstStep, 2)
                .Set("all_instances_resumed_s", measured.AllInstances, 2)
                .Set("instances_resumed_s", measured.ByInstance)
                .Set("new_worker_ready_s", measured.Ready, 2)
                .Set("first_resumed_step_was_a_redo", measured.Redo)
                .Set("steps_before_kill", measured.StepsBefore)
                .Set("load_start", loadStart)
                .Set("load_end", LoadAverage.Read())
                .Set("cores", Environment.ProcessorCount)
                .Set("instances", instances)
                .Set("activity_ms", activityMs)
                .Set("kill_after_steps", killAfterSteps);
        }
        finally
        {
            // The children are gone by now (disposing one kills it if it still runs).
            await BenchEngine.DeleteHubAsync(connectionString, hub);
            File.Delete(log.Path);
        }
    }

    private static async Task<Measured> MeasureResumeAsync(StepLog log, ChildWorker second, DateTime killedAt, IReadOnlyList<StepLog.Step> before, int instances)
    {
        var readyAt = await second.WaitForReadyAsync(TimeSpan.FromSeconds(90));
        var resumed = await WaitForStepsAsync(log, s => s.Any(x => x.ProcessId == second.Id), TimeSpan.FromSeconds(150), "a step from the new worker");
        var firstStep = resumed.Where(s => s.ProcessId == second.Id).MinBy(s => s.At)!;
        Console.Error.WriteLine($"bench:   first resumed step {(firstStep.At - killedAt).TotalSeconds:0.0} s after the kill");

        // Every instance back at work: how long the worst-hit one stalled. An activity message still waiting in the
        // work-item queue (which has no leases) resumes at once; work the dead process held waits for leases and
        // visibility timeouts. Bounded, and reported as missing rather than failing the figure above.
        try
        {
            await WaitForStepsAsync(
                log, s => s.Where(x => x.ProcessId == second.Id).Select(x => x.InstanceId).Distinct().Count() >= instances,
                TimeSpan.FromSeconds(60), "a step of every instance from the new worker");
        }
        catch (BenchFailedException ex)
        {
            Console.Error.WriteLine($"bench:   {ex.Message}");
        }

        var byInstance = log.Read().Where(s => s.ProcessId == second.Id).GroupBy(s => s.InstanceId)
            .Select(g => Math.Round((g.Min(s => s.At) - killedAt).TotalSeconds, 2)).Order().ToList();
        var redo = before.Any(s => s.InstanceId == firstStep.InstanceId && s.Index == firstStep.Index);
        return new Measured(
            (firstStep.At - killedAt).TotalSeconds,
            byInstance.Count >= instances ? byInstance[^1] : double.NaN,
            new JsonArray([.. byInstance.Select(t => (JsonNode?)JsonValue.Create(t))]),
            (readyAt - killedAt).TotalSeconds,
            redo,
            before.Count);
    }

    private static async Task<IReadOnlyList<StepLog.Step>> WaitForStepsAsync(StepLog log, Func<IReadOnlyList<StepLog.Step>, bool> done, TimeSpan limit, string what)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            var steps = log.Read();
            if (done(steps))
            {
                return steps;
            }

            await Task.Delay(50);
        }

        throw new BenchFailedException($"Gave up after {limit.TotalSeconds:0} s of waiting for {what}.");
    }

    private sealed record Measured(double FirstStep, double AllInstances, JsonArray ByInstance, double Ready, bool Redo, int StepsBefore);
}
