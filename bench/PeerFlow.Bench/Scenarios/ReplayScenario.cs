using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using PeerFlow.Durable;
using PeerFlow.Durable.Execution;
using PeerFlow.Durable.History;
using PeerFlow.Durable.Testing;

namespace PeerFlow.Bench.Scenarios;

/// <summary>
/// Cost per history event of rebuilding an execution from history, which a worker pays on every cache miss (a
/// restarted worker, an instance evicted from the execution cache, another worker having moved the instance on).
/// Storage is not involved: the history is recorded once on the in-memory test host, then replayed in a loop.
/// </summary>
internal static class ReplayScenario
{
    private const string InstanceId = "order-4711";

    public static async Task<Report> RunAsync(BenchArgs args)
    {
        var iterations = args.Int("iterations", 15);
        var minIterationMs = args.Int("iteration-ms", 100);
        var (history, rows) = await RecordAsync();
        var events = history.Count;
        Console.Error.WriteLine($"bench:   recorded {events} events in {rows.Count} episode rows");

        // Both variants end in the same state; check that once, outside the measurement.
        Check(Replay(history), events);
        Check(Replay(Deserialize(rows)), events);

        var plain = Measure(() => Replay(history), events, iterations, minIterationMs);
        var withJson = Measure(() => Replay(Deserialize(rows)), events, iterations, minIterationMs);
        return new Report("replay")
            .Set("ns_per_event", plain.NsPerEvent, 1)
            .Set("bytes_per_event", plain.BytesPerEvent, 1)
            .Set("ns_per_event_with_deserialize", withJson.NsPerEvent, 1)
            .Set("bytes_per_event_with_deserialize", withJson.BytesPerEvent, 1)
            .Set("events", events)
            .Set("episode_rows", rows.Count)
            .Set("activities", ReplayWorkflow.Activities)
            .Set("timers", history.OfType<TimerCreated>().Count())
            .Set("external_events", history.OfType<EventRaised>().Count())
            .Set("iterations", iterations)
            .Set("replays_per_iteration", plain.Repetitions)
            .Set("replays_per_iteration_with_deserialize", withJson.Repetitions)
            .Set("ns_per_event_min", plain.MinNsPerEvent, 1)
            .Set("ns_per_event_max", plain.MaxNsPerEvent, 1)
            .Set("target_ns_per_event", 2000)
            .Set("target_bytes_per_event", 1024);
    }

    /// <summary>What a worker does on a cache miss, after reading the rows: a new execution, replayed to the end.</summary>
    private static OrchestrationExecution Replay(List<HistoryEvent> history)
    {
        var execution = new OrchestrationExecution(
            InstanceId, 0, (ExecutionStarted)history[0], new ReplayWorkflow(), DataConverter.Default, NullLoggerFactory.Instance);
        execution.Replay(history);
        return execution;
    }

    /// <summary>As HistoryRow.ReadAllAsync does it: each episode row's JSON array deserialised, then concatenated.</summary>
    private static List<HistoryEvent> Deserialize(List<string> rows)
    {
        var history = new List<HistoryEvent>();
        foreach (var row in rows)
        {
            history.AddRange(HistorySerializer.Deserialize(row));
        }

        return history;
    }

    private static void Check(OrchestrationExecution execution, int events)
    {
        if (execution.EventCount != events || execution.Final is not ExecutionCompleted { Status: OrchestrationRuntimeStatus.Completed })
        {
            throw new BenchFailedException($"Replay ended after {execution.EventCount} of {events} events without completing.");
        }
    }

    /// <summary>
    /// Warm-up until the JIT has reached its optimised tier and timings have settled, then
    /// <paramref name="iterations"/> timed iterations of as many replays as take at least <paramref name="minIterationMs"/>.
    /// The median iteration is reported, which a GC or a noisy neighbour in one iteration does not move. Allocation
    /// is counted over all timed iterations, on this thread, where the whole replay runs.
    /// </summary>
    private static Measurement Measure(Func<OrchestrationExecution> replay, int events, int iterations, int minIterationMs)
    {
        var repetitions = WarmUp(replay, minIterationMs);
        var nsPerEvent = new List<double>(iterations);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var elapsed = Time(replay, repetitions);
            nsPerEvent.Add(elapsed.TotalNanoseconds / ((double)repetitions * events));
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        return new Measurement(
            Stats.Median(nsPerEvent), nsPerEvent.Min(), nsPerEvent.Max(),
            (double)allocated / ((double)iterations * repetitions * events), repetitions);
    }

    /// <summary>
    /// Runs batches of about <paramref name="minIterationMs"/> for at least 5 s (on two cores the JIT takes 3-4 s to
    /// bring the replay path to its optimised tier), then until the median of the last five batches is within 5% of
    /// the median of the five before (at most 30 s), and returns the repetitions a timed iteration needs.
    /// </summary>
    private static int WarmUp(Func<OrchestrationExecution> replay, int minIterationMs)
    {
        var clock = Stopwatch.StartNew();
        var repetitions = 10;
        var batches = new List<double>();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var perReplay = Time(replay, repetitions).TotalMilliseconds / repetitions;
            batches.Add(perReplay);
            repetitions = Math.Max(1, (int)Math.Ceiling(minIterationMs / perReplay));
            if (clock.Elapsed >= TimeSpan.FromSeconds(5) && batches.Count >= 10)
            {
                var recent = Stats.Median(batches[^5..]);
                var before = Stats.Median(batches[^10..^5]);
                if (Math.Abs(recent - before) <= 0.05 * before)
                {
                    break;
                }
            }
        }

        return Math.Max(1, (int)Math.Ceiling(minIterationMs / Stats.Median(batches[^5..])));
    }

    private static TimeSpan Time(Func<OrchestrationExecution> replay, int repetitions)
    {
        var start = Stopwatch.GetTimestamp();
        for (var r = 0; r < repetitions; r++)
        {
            GC.KeepAlive(replay());
        }

        return Stopwatch.GetElapsedTime(start);
    }

    /// <summary>Runs the workflow once on the in-memory host, keeping each episode's JSON row as the stores write it.</summary>
    private static async Task<(List<HistoryEvent> History, List<string> Rows)> RecordAsync()
    {
        await using var host = new DurableTestHost(r => r
            .AddOrchestrator<ReplayWorkflow>(ReplayWorkflow.Name)
            .AddActivity<ReplayWorkflow.Step, ReplayWorkflow.StepResult>(
                ReplayWorkflow.Activity, (_, step) => Task.FromResult(new ReplayWorkflow.StepResult(step.Index, "done", 12.5m * step.Index))));
        var id = await host.StartAsync(ReplayWorkflow.Name, InstanceId, new StartOptions { InstanceId = InstanceId });
        for (var wait = 0; wait < ReplayWorkflow.Activities / ReplayWorkflow.ApprovalEvery; wait++)
        {
            if (wait % 2 == 0)
            {
                await host.RaiseEventAsync(id, ReplayWorkflow.Approval, 1);
            }
            else
            {
                await host.AdvanceAsync(ReplayWorkflow.ApprovalTimeout + TimeSpan.FromMinutes(1));
            }
        }

        var status = await host.GetStatusAsync(id);
        if (status.Status != OrchestrationRuntimeStatus.Completed || status.History is not { } history)
        {
            throw new BenchFailedException($"Recording the replay workflow ended {status.Status}.");
        }

        var rows = SplitEpisodes(history);
        if (rows.Count != status.Record.Episodes)
        {
            throw new BenchFailedException($"Split the history into {rows.Count} episodes, but the instance has {status.Record.Episodes}.");
        }

        return ([.. history], rows);
    }

    /// <summary>
    /// An episode is what came in followed by what the orchestrator did about it, so a new one begins wherever an
    /// incoming event follows an action. The workflow acts in every episode, which makes the split exact (checked
    /// against the instance's episode count); each part is serialised as the stores serialise an episode's row.
    /// </summary>
    private static List<string> SplitEpisodes(IReadOnlyList<HistoryEvent> history)
    {
        var rows = new List<string>();
        var episode = new List<HistoryEvent>();
        foreach (var e in history)
        {
            if (e is not ActionEvent && episode.Count > 0 && episode[^1] is ActionEvent)
            {
                rows.Add(HistorySerializer.Serialize(episode));
                episode = [];
            }

            episode.Add(e);
        }

        rows.Add(HistorySerializer.Serialize(episode));
        return rows;
    }

    private sealed record Measurement(double NsPerEvent, double MinNsPerEvent, double MaxNsPerEvent, double BytesPerEvent, int Repetitions);
}
