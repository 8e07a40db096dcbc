using PeerFlow.Durable;
using PeerFlow.Orchestrations.Activities;

namespace PeerFlow.Orchestrations;

public static class LifecycleRegistration
{
    /// <summary>Registers the referral lifecycle and its activities with the engine.</summary>
    public static DurableRegistry AddReferralLifecycle(this DurableRegistry registry) => registry
        .AddOrchestrator<ReferralLifecycle>(ReferralLifecycle.Name)
        .AddActivity<LoadPlan>(ActivityNames.LoadPlan)
        .AddActivity<Notify>(ActivityNames.Notify)
        .AddActivity<SetStage>(ActivityNames.SetStage)
        .AddActivity<ProposeNextCandidate>(ActivityNames.ProposeNextCandidate)
        .AddActivity<ResolveProposal>(ActivityNames.ResolveProposal)
        .AddActivity<RecordBreakdown>(ActivityNames.RecordBreakdown)
        .AddActivity<CloseReferral>(ActivityNames.CloseReferral);

    /// <summary>Registers the monthly evaluation schedule and its activity.</summary>
    public static DurableRegistry AddMonthlyReports(this DurableRegistry registry) => registry
        .AddOrchestrator<MonthlyReportSchedule>(MonthlyReportSchedule.Name)
        .AddActivity<SendMonthlyReports>(ActivityNames.SendMonthlyReports);
}
