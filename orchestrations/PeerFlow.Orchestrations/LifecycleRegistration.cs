using Microsoft.DurableTask;
using PeerFlow.Orchestrations.Activities;
using PeerFlow.Orchestrations.Delivery;

namespace PeerFlow.Orchestrations;

public static class LifecycleRegistration
{
    /// <summary>Every workflow PeerFlow runs and every activity they call: the one registration both hosts use.</summary>
    public static DurableTaskRegistry AddPeerFlowWorkflows(this DurableTaskRegistry registry) => registry
        .AddReferralLifecycle()
        .AddMonthlyReports()
        .AddRetention()
        .AddMentorChecks()
        .AddCoordinatorDigests();

    /// <summary>The referral lifecycle and its activities.</summary>
    public static DurableTaskRegistry AddReferralLifecycle(this DurableTaskRegistry registry) => registry
        .AddOrchestrator<ReferralLifecycle>(ReferralLifecycle.Name)
        .AddActivity<LoadPlan>(ActivityNames.LoadPlan)
        .AddActivity<Notify>(ActivityNames.Notify)
        .AddActivity<SetStage>(ActivityNames.SetStage)
        .AddActivity<ProposeNextCandidate>(ActivityNames.ProposeNextCandidate)
        .AddActivity<ResolveProposal>(ActivityNames.ResolveProposal)
        .AddActivity<DecideProposal>(ActivityNames.DecideProposal)
        .AddActivity<RecordBreakdown>(ActivityNames.RecordBreakdown)
        .AddActivity<CloseReferral>(ActivityNames.CloseReferral)
        .AddActivity<TakeSignal>(ActivityNames.TakeSignal)
        .AddActivity<PublishSchedule>(ActivityNames.PublishSchedule)
        .AddActivity<PlanRecontact>(ActivityNames.PlanRecontact)
        .AddActivity<PlanReassessment>(ActivityNames.PlanReassessment)
        .AddOrchestrator<NoticeDelivery>(NoticeDelivery.Name)
        .AddActivity<DeliverNotice>(ActivityNames.DeliverNotice);

    /// <summary>The monthly evaluation schedule and its activity.</summary>
    public static DurableTaskRegistry AddMonthlyReports(this DurableTaskRegistry registry) => registry
        .AddOrchestrator<MonthlyReportSchedule>(MonthlyReportSchedule.Name)
        .AddActivity<SendMonthlyReports>(ActivityNames.SendMonthlyReports);

    /// <summary>The daily retention schedule and its activity.</summary>
    public static DurableTaskRegistry AddRetention(this DurableTaskRegistry registry) => registry
        .AddOrchestrator<RetentionSchedule>(RetentionSchedule.Name)
        .AddActivity<ApplyRetention>(ActivityNames.ApplyRetention);
    /// <summary>The daily look at mentors' checks and its activity.</summary>
    public static DurableTaskRegistry AddMentorChecks(this DurableTaskRegistry registry) => registry
        .AddOrchestrator<MentorCheckSchedule>(MentorCheckSchedule.Name)
        .AddActivity<AlertMentorChecks>(ActivityNames.AlertMentorChecks);

    /// <summary>The coordinators' 09:00 digest and its activity.</summary>
    public static DurableTaskRegistry AddCoordinatorDigests(this DurableTaskRegistry registry) => registry
        .AddOrchestrator<CoordinatorDigestSchedule>(CoordinatorDigestSchedule.Name)
        .AddActivity<SendCoordinatorDigests>(ActivityNames.SendCoordinatorDigests);
}
