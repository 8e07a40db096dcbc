using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Sms;
using Microsoft.DurableTask.Client;
using PeerFlow.Web.Api;

namespace PeerFlow.Web.Actions;

/// <summary>
/// Erases a referral on request (the right to erasure): its workflow and history, and every record about it, with
/// the mentor's place given back. The audit trail stays (who did what and when, never the data) and records the
/// erasure itself. Safe to repeat: a second attempt finishes what a first left undone.
/// </summary>
/// <remarks>
/// What goes is <see cref="ReferralRecords.Kinds"/>: beyond the referral's own tables, the send records of emails
/// about it, its used-link rows, and, where the development mail capture runs, the captured emails to its people or
/// about it. The subject-access export reads the same list.
/// </remarks>
public sealed class Erasure(ApiServices services, MatchProposals proposals, ReferralRecords records)
{
    /// <summary>How long to wait for the workflow to stop before giving up, with nothing erased.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    /// <param name="confirmation">The referral's reference, typed by the person erasing it.</param>
    public async Task<ActionOutcome> EraseAsync(string id, string? confirmation, CancellationToken cancellationToken)
    {
        var referral = (await services.Store.Referrals.GetAsync(id, "", cancellationToken))?.Value;
        if (referral is null)
        {
            return ActionOutcome.Missing;
        }

        if (!string.Equals(confirmation?.Trim(), referral.Reference, StringComparison.OrdinalIgnoreCase))
        {
            return ActionOutcome.Field("reference", $"Type the reference, {referral.Reference}, to confirm the erasure.");
        }

        var erased = await EraseReferralAsync(referral, () => Audit.RecordAsync(services, id, "erased the referral", cancellationToken), cancellationToken);
        return erased ? ActionOutcome.Done(referral.Reference) : NotStopped;
    }

    /// <summary>
    /// Erases a referral found by whoever asked (a manager, or the retention schedule): stops its workflow, gives a
    /// mentor's place back, then removes every kind of record in <see cref="ReferralRecords.Kinds"/>, in order, and
    /// writes <paramref name="audit"/> just before the last (its place in the retention schedule), so that a run cut
    /// short after the referral row went still finds it there and finishes without auditing twice.
    /// </summary>
    /// <returns>False when the workflow did not stop in time: nothing has been erased.</returns>
    public async Task<bool> EraseReferralAsync(Referral referral, Func<Task> audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(audit);
        var id = referral.Id;

        // The workflow stops first, so that nothing writes to the records, or emails anyone, while they go.
        var workflow = await services.Workflows.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken);
        if (workflow is not null && !workflow.IsCompleted)
        {
            await services.Workflows.TerminateInstanceAsync(id, new TerminateInstanceOptions { Output = "erased" }, cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StopTimeout);
            try
            {
                await services.Workflows.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }

        foreach (var match in (await services.Store.Matches.PartitionAsync(id, cancellationToken)).Select(m => m.Value))
        {
            if (match.Status is MatchStatus.Proposed or MatchStatus.Active)
            {
                await proposals.ReleaseAsync(match.MentorId, cancellationToken);

                // Marked before the records go, so that a repeated erasure does not give the place back twice.
                await services.Store.Matches.UpdateAsync(id, match.Id, m => m with { Status = MatchStatus.Ended, EndReason = "erased" }, MatchProposals.Columns, cancellationToken);
            }
        }

        var scope = await records.ScopeAsync(referral, cancellationToken);
        var kinds = records.Kinds;
        foreach (var kind in kinds.Take(kinds.Count - 1))
        {
            await kind.EraseAsync(scope, cancellationToken);
        }

        await audit();
        await kinds[^1].EraseAsync(scope, cancellationToken);
        return true;
    }

    private static ActionOutcome NotStopped => ActionOutcome.NotPossible("The referral's workflow has not stopped yet, so nothing has been erased. Try again in a minute.");

    private static string Escape(string value) => value.Replace("'", "''", StringComparison.Ordinal);
}
