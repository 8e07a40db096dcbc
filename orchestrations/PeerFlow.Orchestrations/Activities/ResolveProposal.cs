using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Storage;
using Microsoft.DurableTask;

namespace PeerFlow.Orchestrations.Activities;

/// <summary>
/// Records the answer to a proposal. Only a proposal still open changes, so a retried activity never releases a
/// mentor's place twice.
/// </summary>
public sealed class ResolveProposal(PeerFlowStore store, MatchProposals proposals, TimeProvider time) : TaskActivity<ProposalResolution, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ProposalResolution resolution)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var status = resolution.Outcome switch
        {
            "accepted" => MatchStatus.Active,
            "declined" => MatchStatus.Declined,
            "withdrawn" => MatchStatus.Ended,
            _ => MatchStatus.Expired,
        };
        var changed = false;
        var match = await store.Matches.UpdateAsync(resolution.ReferralId, resolution.MatchId, m =>
        {
            changed = m.Status == MatchStatus.Proposed;
            return changed ? m with { Status = status, RespondedAt = now } : m;
        }, m => MatchProposals.Columns(m), CancellationToken.None) ?? throw new InvalidOperationException($"Match {resolution.MatchId} does not exist.");
        if (!changed)
        {
            return false;
        }

        if (status == MatchStatus.Active)
        {
            await store.Referrals.UpdateAsync(resolution.ReferralId, "", r => r with { MentorId = match.MentorId, MatchedAt = now, CurrentMatchId = match.Id, ProposedMentorId = null }, MatchProposals.ReferralColumns, CancellationToken.None);
        }
        else
        {
            await proposals.ReleaseAsync(match.MentorId, CancellationToken.None);
            await store.Referrals.UpdateAsync(resolution.ReferralId, "", r => r with
            {
                CurrentMatchId = null,
                ProposedMentorId = null,
                ExcludedMentorIds = status == MatchStatus.Ended ? r.ExcludedMentorIds : [.. r.ExcludedMentorIds.Append(match.MentorId).Distinct()],
            }, MatchProposals.ReferralColumns, CancellationToken.None);
        }

        return true;
    }
}
