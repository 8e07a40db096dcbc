using Microsoft.DurableTask;
using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;
using PeerFlow.Domain.Timetable;

namespace PeerFlow.Orchestrations.Activities;

/// <summary>A new assessment timetable for a referral back from deferral; its record shows the new deadline.</summary>
public sealed class PlanReassessment(PeerFlowStore store, SchemeCatalog schemes) : TaskActivity<ReassessmentRequest, AssessmentTimes>
{
    public override async Task<AssessmentTimes> RunAsync(TaskActivityContext context, ReassessmentRequest request)
    {
        var (referral, policy) = await PolicyOf.ReferralAsync(store, schemes, request.ReferralId);
        var times = ReferralTimetable.Assessment(request.From, referral.Urgent, policy);
        await store.Referrals.UpdateAsync(request.ReferralId, "", r => r with { AssessmentDueAt = times.DueAt }, MatchProposals.ReferralColumns, CancellationToken.None);
        return times;
    }
}
