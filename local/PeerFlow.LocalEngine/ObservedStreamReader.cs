using Grpc.Core;

namespace PeerFlow.LocalEngine;

/// <summary>
/// A server stream read through, each message shown to <paramref name="observe"/> as it arrives (and before the
/// reader's caller sees it): how an interceptor on the worker's channel rewrites or records work items.
/// </summary>
public sealed class ObservedStreamReader<T>(IAsyncStreamReader<T> inner, Action<object?> observe) : IAsyncStreamReader<T>
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
