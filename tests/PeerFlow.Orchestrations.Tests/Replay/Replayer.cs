using Google.Protobuf;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using PeerFlow.LocalEngine;
using PeerFlow.Orchestrations.Delivery;
using P = Microsoft.DurableTask.Protobuf;

namespace PeerFlow.Orchestrations.Tests.Replay;

/// <summary>
/// Runs a recorded turn on today's code the way Durable Functions' isolated worker runs every turn
/// (<see cref="GrpcOrchestrationRunner"/>): the history replayed through DurableTask.Core's executor, which fails the
/// turn as non-deterministic when the code no longer makes the calls the history holds.
/// </summary>
internal static class Replayer
{
    public static P.OrchestratorResponse Replay(RecordedTurn turn) => Replay(turn, OrchestratorFor(turn.Orchestrator));

    /// <summary>The worker's options as the histories were recorded: under the sandbox clock, timers are not cut up.</summary>
    private static readonly IServiceProvider RecordedWith = new ServiceCollection()
        .AddSingleton(new DurableTaskShimFactory(new DurableTaskWorkerOptions { MaximumTimerInterval = LocalEngineServiceCollectionExtensions.SandboxTimerInterval }))
        .BuildServiceProvider();

    public static P.OrchestratorResponse Replay(RecordedTurn turn, ITaskOrchestrator orchestrator)
    {
        var answer = GrpcOrchestrationRunner.LoadAndRun(turn.Request.ToByteString().ToBase64(), orchestrator, RecordedWith);
        return P.OrchestratorResponse.Parser.ParseFrom(Convert.FromBase64String(answer));
    }

    /// <summary>The shape of the answer today's code gives, in <see cref="RecordedTurn.Shape"/>'s terms.</summary>
    public static string ShapeOf(RecordedTurn turn, P.OrchestratorResponse answer) =>
        (turn with { Response = answer }).Shape;

    public static bool IsKnown(string name) => name is ReferralLifecycle.Name or NoticeDelivery.Name or MonthlyReportSchedule.Name or RetentionSchedule.Name or MentorCheckSchedule.Name or CoordinatorDigestSchedule.Name;

    public static ITaskOrchestrator OrchestratorFor(string name) => name switch
    {
        ReferralLifecycle.Name => new ReferralLifecycle(),
        NoticeDelivery.Name => new NoticeDelivery(),
        MonthlyReportSchedule.Name => new MonthlyReportSchedule(),
        RetentionSchedule.Name => new RetentionSchedule(),
        MentorCheckSchedule.Name => new MentorCheckSchedule(),
        CoordinatorDigestSchedule.Name => new CoordinatorDigestSchedule(),
        _ => throw new InvalidOperationException($"No orchestrator {name} in today's code: a workflow was renamed or removed while recorded histories still use it."),
    };
}
