using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Core.Interceptors;
using PeerFlow.LocalEngine;
using P = Microsoft.DurableTask.Protobuf;

namespace PeerFlow.Orchestrations.Tests.Replay;

/// <summary>
/// Sits on the worker's gRPC channel and keeps, for every generation of every instance, the last turn the engine
/// gave the worker (the history so far and the new events) with the worker's answer (its actions). The last turn of
/// a generation holds every decision the generation made, so replaying it checks all of them.
/// </summary>
internal sealed class HistoryRecorder : WorkItemObserver
{
    private readonly ConcurrentDictionary<string, P.OrchestratorRequest> asked = new();
    private readonly ConcurrentDictionary<string, RecordedTurn> turns = new();

    /// <summary>The last turn of each generation seen so far.</summary>
    public IReadOnlyCollection<RecordedTurn> Turns => [.. turns.Values];

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        if (request is P.OrchestratorResponse answer && asked.TryRemove(answer.InstanceId, out var question))
        {
            var turn = RecordedTurn.Of(question, answer.Clone());
            turns.AddOrUpdate(turn.Generation, turn, (_, earlier) => earlier.EventCount > turn.EventCount ? earlier : turn);
        }

        return continuation(request, context);
    }

    protected override void Observe(object? message)
    {
        if (message is P.WorkItem { OrchestratorRequest: { } request })
        {
            // A copy: the worker's own message is read while it runs.
            asked[request.InstanceId] = request.Clone();
        }
    }
}
