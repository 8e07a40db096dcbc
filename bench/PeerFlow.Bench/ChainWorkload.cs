using Microsoft.DurableTask;

namespace PeerFlow.Bench;

/// <summary>
/// The throughput workload: an orchestrator that calls a trivial activity K times, one after the other. Activities
/// cost nothing, so what is measured is the engine and its storage. A step is one orchestration episode (the start and
/// each activity result), K + 1 per instance, as the old engine's benchmark counted them.
/// </summary>
internal static class ChainWorkload
{
    public const string Orchestrator = "Chain";
    private const string Activity = "Increment";

    public static void Register(DurableTaskRegistry registry) => registry
        .AddOrchestratorFunc<int, int>(Orchestrator, async (context, activities) =>
        {
            var value = 0;
            for (var i = 0; i < activities; i++)
            {
                value = await context.CallActivityAsync<int>(Activity, value);
            }

            return value;
        })
        .AddActivityFunc<int, int>(Activity, (_, value) => value + 1);
}
