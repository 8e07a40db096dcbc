using System.Collections.Concurrent;

namespace PeerFlow.Web.Endpoints;

/// <summary>
/// A token bucket per key (a client address, a scheme), refilled by <see cref="TimeProvider"/> time as it is read:
/// System.Threading.RateLimiting's buckets refill on a timer of their own, which neither the sandbox clock nor a test
/// can move. In this instance's memory.
/// </summary>
public sealed class TokenBuckets(int burst, int perMinute, TimeProvider time)
{
    /// <summary>More keys than this, and those whose bucket has filled again are forgotten.</summary>
    private const int Remembered = 10_000;

    private readonly ConcurrentDictionary<string, Bucket> buckets = new(StringComparer.Ordinal);

    /// <summary>Takes a token for <paramref name="key"/>: null when there was one, otherwise how long until there is.</summary>
    public TimeSpan? Take(string key)
    {
        var now = time.GetUtcNow();
        TimeSpan? wait = null;
        buckets.AddOrUpdate(
            key,
            _ => new Bucket(burst - 1, now),
            (_, bucket) =>
            {
                var tokens = Math.Min(burst, bucket.Tokens + ((now - bucket.At).TotalMinutes * perMinute));
                if (tokens >= 1)
                {
                    wait = null;
                    return new Bucket(tokens - 1, now);
                }

                wait = TimeSpan.FromMinutes((1 - tokens) / perMinute);
                return new Bucket(tokens, now);
            });
        if (buckets.Count > Remembered)
        {
            Forget(now);
        }

        return wait;
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, bucket) in buckets)
        {
            if (bucket.Tokens + ((now - bucket.At).TotalMinutes * perMinute) >= burst)
            {
                buckets.TryRemove(key, out _);
            }
        }
    }

    private sealed record Bucket(double Tokens, DateTimeOffset At);
}
