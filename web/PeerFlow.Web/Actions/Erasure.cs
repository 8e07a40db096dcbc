using PeerFlow.Domain.Email;
using PeerFlow.Domain.Links;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using Microsoft.DurableTask.Client;
using PeerFlow.Orchestrations.Delivery;
using PeerFlow.Web.Api;

namespace PeerFlow.Web.Actions;

/// <summary>
/// Erases a referral on request (the right to erasure): its workflow and history, and every record about it, with
/// the mentor's place given back. The audit trail stays (who did what and when, never the data) and records the
/// erasure itself. Safe to repeat: a second attempt finishes what a first left undone.
/// </summary>
/// <remarks>
/// Beyond the referral's own tables: the send records of emails about it (<see cref="EmailSendLog"/>), its used-link
/// rows, and, where the development mail capture runs, the captured emails to its people or about it.
/// </remarks>
public sealed class Erasure(ApiServices services, MatchProposals proposals, NoticeOutbox outbox, EmailSendLog emails, AcknowledgementWindow acknowledgements, SignedLinks links, CapturedMailStore capturedMail)
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
                return ActionOutcome.NotPossible("The referral's workflow has not stopped yet, so nothing has been erased. Try again in a minute.");
            }
        }

        // Deliveries still trying stop before the records they read go.
        await outbox.EraseAsync(id, services.Workflows, cancellationToken);

        foreach (var match in (await services.Store.Matches.PartitionAsync(id, cancellationToken)).Select(m => m.Value))
        {
            if (match.Status is MatchStatus.Proposed or MatchStatus.Active)
            {
                await proposals.ReleaseAsync(match.MentorId, cancellationToken);

                // Marked before the records go, so that a repeated erasure does not give the place back twice.
                await services.Store.Matches.UpdateAsync(id, match.Id, m => m with { Status = MatchStatus.Ended, EndReason = "erased" }, MatchProposals.Columns, cancellationToken);
            }
        }

        var store = services.Store;

        // Mail first, while the people's addresses and the emails' keys can still be read.
        var addresses = (await store.People.PartitionAsync(id, cancellationToken))
            .Select(p => p.Value.Email).OfType<string>().Where(e => e.Length > 0).ToList();
        await capturedMail.EraseAsync(addresses, await emails.KeysForReferralAsync(id, cancellationToken), cancellationToken);
        await emails.EraseReferralAsync(id, cancellationToken);
        await acknowledgements.EraseReferralAsync(id, cancellationToken);
        await links.EraseReferralAsync(id, cancellationToken);

        // The search index rows and the links to other referrals first: they are found from the person and the
        // links themselves, which go next.
        if ((await store.People.GetAsync(id, nameof(PersonRole.Mentee), cancellationToken))?.Value is { } mentee)
        {
            await store.PeopleIndex.RemoveAsync(referral.SchemeId, mentee, cancellationToken);
        }

        foreach (var link in await store.PersonLinks.PartitionAsync(id, cancellationToken))
        {
            await store.PersonLinks.DeleteAsync(link.Value.OtherReferralId, id, cancellationToken);
        }

        await store.PersonLinks.DeletePartitionAsync(id, cancellationToken);
        await store.CaseNotes.DeletePartitionAsync(id, cancellationToken);
        await store.People.DeletePartitionAsync(id, cancellationToken);
        await store.Concerns.DeletePartitionAsync(id, cancellationToken);
        await store.CheckIns.DeletePartitionAsync(id, cancellationToken);
        await store.Feedback.DeletePartitionAsync(id, cancellationToken);
        await store.Timeline.DeletePartitionAsync(id, cancellationToken);
        await store.Matches.DeletePartitionAsync(id, cancellationToken);
        await store.Inbox.DeleteAllAsync(id, cancellationToken);
        await store.Schedule.DeleteAsync(referral.SchemeId, id, cancellationToken);
        await services.Workflows.PurgeInstanceAsync(id, cancellation: cancellationToken);
        await store.Starts.DeleteAsync(Domain.Workflow.PendingStart.Partition, id, cancellationToken);
        await store.Stopped.DeleteAsync(Domain.Workflow.StoppedWorkflow.Partition, id, cancellationToken);

        // Last, so that until everything else has gone the referral can still be found and its erasure repeated.
        await store.Referrals.DeleteAsync(id, "", cancellationToken);
        await Audit.RecordAsync(services, id, "erased the referral", cancellationToken);
        return ActionOutcome.Done(referral.Reference);
    }
}
