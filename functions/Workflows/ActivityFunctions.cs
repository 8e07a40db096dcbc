using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using PeerFlow.Domain.Notices;
using PeerFlow.Domain.Timetable;
using PeerFlow.Orchestrations;
using PeerFlow.Orchestrations.Activities;
using PeerFlow.Orchestrations.Delivery;

namespace PeerFlow.Functions.Workflows;

/// <summary>The activities of orchestrations/ as Durable Functions, each running its class from services.</summary>
public static class ActivityFunctions
{
    [Function(ActivityNames.CloseReferral)]
    public static Task<bool> RunCloseReferral([ActivityTrigger] Closure input, string instanceId, FunctionContext context) =>
        Activity.RunAsync<CloseReferral, Closure, bool>(ActivityNames.CloseReferral, input, instanceId, context);

    [Function(ActivityNames.LoadPlan)]
    public static Task<LifecyclePlan> RunLoadPlan([ActivityTrigger] string input, string instanceId, FunctionContext context) =>
        Activity.RunAsync<LoadPlan, string, LifecyclePlan>(ActivityNames.LoadPlan, input, instanceId, context);

    [Function(ActivityNames.Notify)]
    public static Task<bool> RunNotify([ActivityTrigger] NoticeRequest input, string instanceId, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        Activity.RunAsync<Notify, NoticeRequest, bool>(ActivityNames.Notify, input, instanceId, context, workflows);

    [Function(ActivityNames.DeliverNotice)]
    public static Task<DeliveryResult> RunDeliverNotice([ActivityTrigger] DeliveryAttempt input, string instanceId, FunctionContext context) =>
        Activity.RunAsync<DeliverNotice, DeliveryAttempt, DeliveryResult>(ActivityNames.DeliverNotice, input, instanceId, context);

    [Function(ActivityNames.PlanReassessment)]
    public static Task<AssessmentTimes> RunPlanReassessment([ActivityTrigger] ReassessmentRequest input, string instanceId, FunctionContext context) =>
        Activity.RunAsync<PlanReassessment, ReassessmentRequest, AssessmentTimes>(ActivityNames.PlanReassessment, input, instanceId, context);

    [Function(ActivityNames.PlanRecontact)]
    public static Task<DateTime> RunPlanRecontact([ActivityTrigger] RecontactRequest input, string instanceId, FunctionContext context) =>
        Activity.RunAsync<PlanRecontact, RecontactRequest, DateTime>(ActivityNames.PlanRecontact, input, instanceId, context);

    [Function(ActivityNames.ProposeNextCandidate)]
    public static Task<string?> RunProposeNextCandidate([ActivityTrigger] string input, string instanceId, FunctionContext context) =>
        Activity.RunAsync<ProposeNextCandidate, string, string?>(ActivityNames.ProposeNextCandidate, input, instanceId, context);

    [Function(ActivityNames.PublishSchedule)]
    public static Task<bool> RunPublishSchedule([ActivityTrigger] ScheduleUpdate input, string instanceId, FunctionContext context) =>
        Activity.RunAsync<PublishSchedule, ScheduleUpdate, bool>(ActivityNames.PublishSchedule, input, instanceId, context);

    [Function(ActivityNames.RecordBreakdown)]
    public static Task<bool> RunRecordBreakdown([ActivityTrigger] Breakdown input, string instanceId, FunctionContext context) =>
        Activity.RunAsync<RecordBreakdown, Breakdown, bool>(ActivityNames.RecordBreakdown, input, instanceId, context);

    [Function(ActivityNames.DecideProposal)]
    public static Task<ProposalFate> RunDecideProposal([ActivityTrigger] ProposalClaim input, string instanceId, FunctionContext context) =>
        Activity.RunAsync<DecideProposal, ProposalClaim, ProposalFate>(ActivityNames.DecideProposal, input, instanceId, context);

    [Function(ActivityNames.ResolveProposal)]
    public static Task<bool> RunResolveProposal([ActivityTrigger] ProposalResolution input, string instanceId, FunctionContext context) =>
        Activity.RunAsync<ResolveProposal, ProposalResolution, bool>(ActivityNames.ResolveProposal, input, instanceId, context);

    [Function(ActivityNames.SendMonthlyReports)]
    public static Task<int> RunSendMonthlyReports([ActivityTrigger] string input, string instanceId, FunctionContext context) =>
        Activity.RunAsync<SendMonthlyReports, string, int>(ActivityNames.SendMonthlyReports, input, instanceId, context);

    [Function(ActivityNames.ApplyRetention)]
    public static Task<RetentionOutcome> RunApplyRetention([ActivityTrigger] string input, string instanceId, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        Activity.RunAsync<ApplyRetention, string, RetentionOutcome>(ActivityNames.ApplyRetention, input, instanceId, context, workflows);
    [Function(ActivityNames.SendCoordinatorDigests)]
    public static Task<int> RunSendCoordinatorDigests([ActivityTrigger] string input, string instanceId, FunctionContext context) =>
        Activity.RunAsync<SendCoordinatorDigests, string, int>(ActivityNames.SendCoordinatorDigests, input, instanceId, context);

    [Function(ActivityNames.AlertMentorChecks)]
    public static Task<int> RunAlertMentorChecks([ActivityTrigger] string input, string instanceId, FunctionContext context) =>
        Activity.RunAsync<AlertMentorChecks, string, int>(ActivityNames.AlertMentorChecks, input, instanceId, context);

    [Function(ActivityNames.SetStage)]
    public static Task<bool> RunSetStage([ActivityTrigger] StageChange input, string instanceId, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        Activity.RunAsync<SetStage, StageChange, bool>(ActivityNames.SetStage, input, instanceId, context, workflows);

    [Function(ActivityNames.TakeSignal)]
    public static Task<TakenSignal?> RunTakeSignal([ActivityTrigger] SignalRequest input, string instanceId, FunctionContext context) =>
        Activity.RunAsync<TakeSignal, SignalRequest, TakenSignal?>(ActivityNames.TakeSignal, input, instanceId, context);
}
