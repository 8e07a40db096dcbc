using System.Diagnostics;
using PeerFlow.Durable;

namespace PeerFlow.Bench;

/// <summary>
/// The workload of storage-ops and throughput: an orchestrator that calls five trivial activities one after the other.
/// Activities cost nothing, so what is measured is the engine and its storage: one episode per step, six per instance
/// (the start and each activity result).
/// </summary>
internal static class SequenceWorkload
{
    public const string Orchestrator = "Sequence5";
    public const int Activities = 5;
    public const int StepsPerInstance = Activities + 1;

    public static void Register(DurableRegistry registry) => registry
        .AddOrchestrator<int, int>(Orchestrator, async (context, value) =>
        {
            for (var i = 0; i < Activities; i++)
            {
                value = await context.CallActivityAsync<int>("Increment", value);
            }

            return value;
        })
        .AddActivity<int, int>("Increment", (_, value) => Task.FromResult(value + 1));

    /// <summary>
    /// Starts <paramref name="instances"/> instances, <paramref name="startParallelism"/> at a time, while the engine's
    /// worker runs them, and returns once all completed (seen through <paramref name="observer"/>).
    /// </summary>
    public static async Task<Run> RunAsync(DurableClient client, InstanceObserver observer, int instances, int startParallelism, TimeSpan timeout)
    {
        var startedAt = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        var starting = Parallel.ForEachAsync(
            Enumerable.Range(0, instances),
            new ParallelOptions { MaxDegreeOfParallelism = startParallelism },
            async (i, ct) => await client.StartAsync(Orchestrator, i, cancellationToken: ct));
        TimeSpan startPhase = default;
        var lastProgress = TimeSpan.Zero;
        while (true)
        {
            // Not too often: each poll is a query Azurite has to serve besides the engine's requests.
            await Task.Delay(500);
            if (starting.IsCompleted && startPhase == default)
            {
                await starting; // surfaces a failed start
                startPhase = clock.Elapsed;
            }

            var finished = await observer.CountFinishedAsync();
            if (finished.Failed > 0)
            {
                throw new BenchFailedException($"{finished.Failed} instances of {Orchestrator} failed; the workload cannot fail, so the engine has a problem.");
            }

            if (finished.Completed == instances)
            {
                return new Run(startedAt, finished.LastCompletedAt, startPhase, clock.Elapsed);
            }

            if (clock.Elapsed > timeout)
            {
                throw new BenchFailedException($"Only {finished.Completed} of {instances} instances completed within {timeout.TotalSeconds:0} s.");
            }

            if (clock.Elapsed - lastProgress > TimeSpan.FromSeconds(5))
            {
                lastProgress = clock.Elapsed;
                Console.Error.WriteLine($"bench:   {clock.Elapsed.TotalSeconds,5:0} s: {finished.Completed}/{instances} completed");
            }
        }
    }

    /// <param name="LastCompletedAt">When the last instance completed, by the engine's clock (its final episode's time).</param>
    /// <param name="Observed">When the benchmark saw the last completion: up to one poll (500 ms) later.</param>
    internal sealed record Run(DateTime StartedAt, DateTime LastCompletedAt, TimeSpan StartPhase, TimeSpan Observed)
    {
        /// <summary>From the first start to the last completion.</summary>
        public TimeSpan Elapsed => LastCompletedAt - StartedAt;
    }
}
