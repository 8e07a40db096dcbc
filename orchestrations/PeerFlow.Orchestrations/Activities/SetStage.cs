using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using PeerFlow.Domain.Notices;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;
using PeerFlow.Orchestrations.Delivery;

namespace PeerFlow.Orchestrations.Activities;

/// <summary>
/// Keeps the referral record's stage in step with the workflow, for lists and the dashboard, and queues the referrer's
/// update for the stage reached where the person agreed to it and the scheme sends it. The update's key is the
/// referral and the moment, so each goes once however often a stage is entered (a breakdown returns to matching).
/// </summary>
public sealed class SetStage(PeerFlowStore store, SchemeCatalog schemes, NoticeOutbox outbox, DurableTaskClient workflows, TimeProvider time)
    : TaskActivity<StageChange, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, StageChange change)
    {
        var updated = await store.Referrals.UpdateAsync(
            change.ReferralId, "", r => r.Stage == change.Stage ? r : r with { Stage = change.Stage }, MatchProposals.ReferralColumns, CancellationToken.None);
        if (updated is { ReferrerUpdates: true } && Moment(change.Stage) is { } moment
            && (await schemes.PolicyAsync(updated.SchemeId, updated.PolicyVersion, CancellationToken.None))?.Policy.ReferrerUpdates.Contains(moment.Update) == true)
        {
            var request = new NoticeRequest(updated.Id, moment.Notice) { Key = $"{updated.Id}:referrer:{moment.Update}", DecidedAt = time.GetUtcNow().UtcDateTime };
            await outbox.QueueAsync(request, workflows, CancellationToken.None);
        }

        return updated is not null;
    }

    /// <summary>Matching is entered only once the assessment found the referral suitable; active only on an accepted match.</summary>
    private static (ReferrerUpdate Update, Notice Notice)? Moment(ReferralStage stage) => stage switch
    {
        ReferralStage.Matching => (ReferrerUpdate.Assessed, Notice.ReferrerAssessed),
        ReferralStage.Active => (ReferrerUpdate.Matched, Notice.ReferrerMatched),
        ReferralStage.Closed => (ReferrerUpdate.Closed, Notice.ReferrerClosed),
        _ => null,
    };
}
