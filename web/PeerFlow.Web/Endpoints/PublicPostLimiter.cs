using System.Collections.Concurrent;
using System.Globalization;
using System.Net;

namespace PeerFlow.Web.Endpoints;

/// <summary>
/// A limit on anonymous writes (the referral forms and API, emailed links) per client address: each accepted referral
/// stores a record, starts a workflow and sends email, so a flood from one address must not bury coordinators or mail
/// strangers from the organisation's sender. Staff endpoints are not limited. The state is in this instance's memory:
/// with N instances scaled out a client gets up to N times the limit (docs/security.md).
/// </summary>
public sealed class PublicPostLimiter(int burst, int perMinute, bool trustForwardedFor, TimeProvider time)
{
    /// <summary>More clients than this, and those whose bucket has filled again are forgotten.</summary>
    private const int Remembered = 10_000;

    // A token bucket per client, refilled by TimeProvider time as it is read: System.Threading.RateLimiting's buckets
    // refill on a timer of their own, which neither the sandbox clock nor a test can move.
    private readonly ConcurrentDictionary<string, Bucket> buckets = new(StringComparer.Ordinal);

    public static PublicPostLimiter FromConfiguration(IConfiguration configuration, TimeProvider time) => new(
        Setting(configuration, "PEERFLOW_PUBLIC_POST_BURST", 20),
        Setting(configuration, "PEERFLOW_PUBLIC_POST_PER_MINUTE", 6),
        string.Equals(configuration["PEERFLOW_TRUST_FORWARDED_FOR"], "true", StringComparison.OrdinalIgnoreCase),
        time);

    /// <summary>Null when the request may go on; otherwise how long the client should wait.</summary>
    public TimeSpan? Refuse(HttpContext http)
    {
        var now = time.GetUtcNow();
        var client = ClientOf(http);
        TimeSpan? wait = null;
        buckets.AddOrUpdate(
            client,
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

    /// <summary>The caller: the last address a trusted proxy added, else the connection's own.</summary>
    public string ClientOf(HttpContext http)
    {
        if (trustForwardedFor && http.Request.Headers["X-Forwarded-For"].ToString() is { Length: > 0 } forwarded)
        {
            var last = forwarded.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
            if (last is not null && IPEndPoint.TryParse(last, out var endpoint))
            {
                return endpoint.Address.ToString();
            }
        }

        return http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var (client, bucket) in buckets)
        {
            if (bucket.Tokens + ((now - bucket.At).TotalMinutes * perMinute) >= burst)
            {
                buckets.TryRemove(client, out _);
            }
        }
    }

    private static int Setting(IConfiguration configuration, string name, int fallback) =>
        configuration[name] is { } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw new InvalidOperationException($"{name} must be a whole number above 0, not '{text}'.")
            : fallback;

    private sealed record Bucket(double Tokens, DateTimeOffset At);
}
