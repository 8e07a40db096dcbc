namespace PeerFlow.Domain.Storage;

/// <summary>
/// Reads by key, several at once but never without bound. Table Storage answers each read in its own round trip, so a
/// page that read a few hundred one after another waited for the sum of them.
/// </summary>
public static class ConcurrentReads
{
    /// <summary>Reads in flight at once: enough to hide the round trips, few enough to leave the store for others.</summary>
    public const int Width = 16;

    /// <summary>One read per item, the answers in the items' order.</summary>
    public static async Task<TResult[]> ReadEachAsync<T, TResult>(this IEnumerable<T> items, Func<T, CancellationToken, Task<TResult>> read, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(Width);
        return await Task.WhenAll(items.Select(async item =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return await read(item, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));
    }
}
