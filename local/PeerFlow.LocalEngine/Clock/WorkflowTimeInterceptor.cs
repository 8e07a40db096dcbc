using Google.Protobuf.Collections;
using Google.Protobuf.WellKnownTypes;
using P = Microsoft.DurableTask.Protobuf;

namespace PeerFlow.LocalEngine.Clock;

/// <summary>
/// Worker side: rewrites the timestamps of the history the sidecar streams to the worker (above all each
/// OrchestratorStarted, which is the orchestration's "now") from real time to workflow time through the clock's offset
/// log (or the fast clock's speed). Either mapping is fixed, so a replay maps every stored instant to the same workflow
/// time as the first run did.
/// </summary>
public sealed class WorkflowTimeInterceptor(IWorkflowClock clock) : WorkItemObserver
{
    protected override void Observe(object? message)
    {
        switch (message)
        {
            case P.WorkItem { OrchestratorRequest: { } request }:
                Map(request.PastEvents);
                Map(request.NewEvents);
                break;
            case P.HistoryChunk chunk:
                Map(chunk.Events);
                break;
        }
    }

    private void Map(RepeatedField<P.HistoryEvent> events)
    {
        foreach (var e in events)
        {
            if (e.Timestamp is { } stamp)
            {
                e.Timestamp = Timestamp.FromDateTime(clock.ToWorkflowTime(stamp.ToDateTime()));
            }
        }
    }
}
