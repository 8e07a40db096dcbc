using Microsoft.DurableTask;

namespace PeerFlow.Orchestrations.Activities;

/// <summary>
/// The retention schedule's daily work: erase what has passed its time. Safe to run again after a crash or a retry:
/// each referral's erasure is repeatable and its audit line and anonymous figures are written under fixed keys.
/// </summary>
public sealed class ApplyRetention(IRetentionRun retention) : TaskActivity<string, RetentionOutcome>
{
    public override Task<RetentionOutcome> RunAsync(TaskActivityContext context, string runAt) => retention.RunAsync(CancellationToken.None);
}
