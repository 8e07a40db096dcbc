using Microsoft.DurableTask;
using PeerFlow.Orchestrations;
using PeerFlow.Orchestrations.Activities;
using PeerFlow.Orchestrations.Delivery;

namespace PeerFlow.Functions.Workflows;

/// <summary>
/// The orchestrations of orchestrations/ as Durable Functions. Each only runs the class the local host registers
/// (see LifecycleRegistration): no generator is served here to write these, so they are written by hand and a test
/// holds them to the registration.
/// </summary>
public static class WorkflowFunctions
{
    [Function(ReferralLifecycle.Name)]
    public static Task<string> RunReferralLifecycle([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ReferralLifecycle().RunAsync(context, context.GetInput<LifecycleState>()!);

    [Function(RetentionSchedule.Name)]
    public static Task<RetentionOutcome> RunRetentionSchedule([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new RetentionSchedule().RunAsync(context, context.GetInput<string?>());

    [Function(MonthlyReportSchedule.Name)]
    public static Task<string> RunMonthlyReportSchedule([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new MonthlyReportSchedule().RunAsync(context, context.GetInput<string?>());

    [Function(CoordinatorDigestSchedule.Name)]
    public static Task<string> RunCoordinatorDigestSchedule([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new CoordinatorDigestSchedule().RunAsync(context, context.GetInput<string?>());

    [Function(MentorCheckSchedule.Name)]
    public static Task<string> RunMentorCheckSchedule([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new MentorCheckSchedule().RunAsync(context, context.GetInput<string?>());

    [Function(NoticeDelivery.Name)]
    public static Task<string> RunNoticeDelivery([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new NoticeDelivery().RunAsync(context, context.GetInput<NoticeDeliveryInput>()!);
}
