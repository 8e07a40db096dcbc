using Microsoft.DurableTask.Client;
using PeerFlow.Domain.Storage;
using PeerFlow.Orchestrations.Starts;

namespace PeerFlow.Web.Hosting;

/// <summary>
/// One round of the workflow sweeper, in both hosts (the local host on a timer of its own, the Functions app on a
/// timer trigger): starts what a crash left unstarted, and records and alerts stopped workflows. Safe on several
/// hosts at once (every start is claimed first); a storage hiccup is logged and the next round repairs it.
/// </summary>
public static partial class WorkflowSweep
{
    /// <summary>With <see cref="LifecycleStarts.Grace"/>, a referral left without a workflow gets one within a minute.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    /// <param name="starts">Resolved inside the round, so that a service that cannot be built is logged, not fatal to the host.</param>
    /// <param name="store">Also resolved inside the round: the search index's one-off backfill and open work's one-off rebuild run with the sweep.</param>
    public static async Task RunAsync(Func<LifecycleStarts> starts, Func<PeerFlowStore> store, DurableTaskClient workflows, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentNullException.ThrowIfNull(store);
        try
        {
            await starts().SweepAsync(workflows, cancellationToken);
            var records = store();
            if (await new Actions.WorkflowSignals(records, workflows, time).RingForgottenAsync(cancellationToken) is > 0 and var rung)
            {
                LogRung(logger, rung);
            }

            if (await records.PeopleIndex.BackfillOnceAsync(records.Referrals, cancellationToken) is > 0 and var indexed)
            {
                LogBackfilled(logger, indexed);
            }

            if (await records.OpenWork.RebuildOnceAsync(records.Referrals, records.References, cancellationToken) is > 0 and var rebuilt)
            {
                LogRebuilt(logger, rebuilt);
            }

            await records.UndeliveredNotices.RebuildOnceAsync(records.Notices, $"State eq {nameof(Domain.Notices.NoticeState.Undelivered)}", cancellationToken);
            await records.MatchesByMentor.RebuildOnceAsync(records.Matches, null, cancellationToken);
            await records.UnreadMenteeMessages.RebuildOnceAsync(records.CaseNotes, null, cancellationToken);
            await records.ReportMonths.RebuildOnceAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Rang for {Count} signals whose host stopped before telling their workflows")]
    private static partial void LogRung(ILogger logger, int count);

    [LoggerMessage(LogLevel.Information, "The people search index was filled in for {Count} people referred before it existed")]
    private static partial void LogBackfilled(ILogger logger, int count);

    [LoggerMessage(LogLevel.Information, "Open work was rebuilt from the records: {Count} copies written or removed")]
    private static partial void LogRebuilt(ILogger logger, int count);

    [LoggerMessage(LogLevel.Error, "The workflow sweep failed; the next round tries again.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
