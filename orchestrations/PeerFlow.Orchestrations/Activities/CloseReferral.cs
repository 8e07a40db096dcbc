using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Storage;
using Microsoft.DurableTask;

namespace PeerFlow.Orchestrations.Activities;

/// <summary>Records the closure and gives the mentor's place back if there was a match.</summary>
public sealed class CloseReferral(PeerFlowStore store, MatchProposals proposals, TimeProvider time) : TaskActivity<Closure, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, Closure closure)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (closure.MatchId is not null)
        {
            var ended = false;
            var match = await store.Matches.UpdateAsync(closure.ReferralId, closure.MatchId, m =>
            {
                ended = m.Status == MatchStatus.Active;
                return ended ? m with { Status = MatchStatus.Ended, EndedAt = now, EndReason = closure.Reason } : m;
            }, m => MatchProposals.Columns(m), CancellationToken.None);
            if (ended && match is not null)
            {
                await proposals.ReleaseAsync(match.MentorId, CancellationToken.None);
            }
        }

        var closed = await store.Referrals.UpdateAsync(
            closure.ReferralId, "", r => r.ClosedAt is not null ? r : r with { ClosedAt = now, ClosureReason = closure.Reason }, MatchProposals.ReferralColumns, CancellationToken.None);

        // Into the retention schedule; a retry writes the same row, from the closure time first kept.
        if (closed?.ClosedAt is { } closedAt)
        {
            await ClosureMonths.RecordAsync(store, closed.Id, closed.SchemeId, closedAt, CancellationToken.None);
        }

        return true;
    }
}
