using Grpc.Core;
using Grpc.Core.Interceptors;

namespace PeerFlow.LocalEngine;

/// <summary>
/// An interceptor on the worker's channel that sees each message the sidecar streams to the worker (work items, history
/// chunks) as it arrives, before the worker does: how the sandbox clock rewrites history times and how tests record it.
/// </summary>
public abstract class WorkItemObserver : Interceptor
{
    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        var call = continuation(request, context);
        return new AsyncServerStreamingCall<TResponse>(
            new ObservedReader<TResponse>(call.ResponseStream, Observe),
            call.ResponseHeadersAsync,
            call.GetStatus,
            call.GetTrailers,
            call.Dispose);
    }

    /// <summary>Called with each streamed message; it may change the message in place.</summary>
    protected abstract void Observe(object? message);

    private sealed class ObservedReader<T>(IAsyncStreamReader<T> inner, Action<object?> observe) : IAsyncStreamReader<T>
    {
        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            var moved = await inner.MoveNext(cancellationToken);
            if (moved)
            {
                observe(inner.Current);
            }

            return moved;
        }
    }
}
