using Microsoft.DurableTask;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;
using PeerFlow.Domain.Timetable;

namespace PeerFlow.Orchestrations.Activities;

/// <summary>When a deferred referral is due for re-contact, on its scheme's working-day calendar.</summary>
public sealed class PlanRecontact(PeerFlowStore store, SchemeCatalog schemes) : TaskActivity<RecontactRequest, DateTime>
{
    public override async Task<DateTime> RunAsync(TaskActivityContext context, RecontactRequest request)
    {
        var (_, policy) = await PolicyOf.ReferralAsync(store, schemes, request.ReferralId);
        return ReferralTimetable.Recontact(request.On, policy.Calendar);
    }
}
