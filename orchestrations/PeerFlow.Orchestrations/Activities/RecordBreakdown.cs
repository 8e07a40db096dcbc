using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Storage;
using Microsoft.DurableTask;

namespace PeerFlow.Orchestrations.Activities;

/// <summary>A pairing that did not work: the mentor's place is freed and the pair is never proposed again.</summary>
public sealed class RecordBreakdown(PeerFlowStore store, MatchProposals proposals, TimeProvider time) : TaskActivity<Breakdown, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, Breakdown breakdown)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var changed = false;
        var match = await store.Matches.UpdateAsync(breakdown.ReferralId, breakdown.MatchId, m =>
        {
            changed = m.Status == MatchStatus.Active;
            return changed ? m with { Status = MatchStatus.BrokenDown, EndedAt = now, EndReason = breakdown.Reason } : m;
        }, m => MatchProposals.Columns(m), CancellationToken.None);
        if (match is null || !changed)
        {
            return false;
        }

        await proposals.ReleaseAsync(match.MentorId, CancellationToken.None);
        await store.Referrals.UpdateAsync(breakdown.ReferralId, "", r => r with
        {
            MentorId = null,
            CurrentMatchId = null,
            ProposedMentorId = null,
            MatchedAt = null,
            ExcludedMentorIds = [.. r.ExcludedMentorIds.Append(match.MentorId).Distinct()],
        }, MatchProposals.ReferralColumns, CancellationToken.None);
        return true;
    }
}
