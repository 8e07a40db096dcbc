using Microsoft.DurableTask;

namespace PeerFlow.Orchestrations;

/// <summary>
/// The shape of PeerFlow's workflows (which durable calls they make, in which order), stamped on every instance.
/// Referrals wait on timers for months, so every release meets instances started by older code; an orchestrator
/// whose shape changed replays their histories into "Non-Deterministic workflow detected". The rule
/// (docs/workflow-versions.md): a change to the shape raises <see cref="Current"/>, keeps the old path behind
/// <c>context.CompareVersionTo</c>, and records histories of the new version for the replay tests.
/// </summary>
public static class WorkflowVersion
{
    /// <summary>
    /// The version new instances start at, and the newest this code runs (an older worker during a deploy leaves a
    /// newer instance for a newer one). host.json's <c>defaultVersion</c> says the same for Durable Functions; a test
    /// holds the two equal. Instances from before versioning have no version and count as older than "1".
    /// </summary>
    public const string Current = "1";

    /// <summary>
    /// ContinueAsNew that also moves the instance to <see cref="Current"/>: a new generation starts with an empty
    /// history, so it is the one moment an old instance can take up new code safely. Lifecycles change generation at
    /// every stage and check-in, so old versions drain within a check-in cycle rather than a referral's life.
    /// </summary>
    public static void ContinueAsNew(TaskOrchestrationContext context, object input) =>
        context.ContinueAsNew(new ContinueAsNewOptions { NewInput = input, NewVersion = Current, PreserveUnprocessedEvents = false });
}
