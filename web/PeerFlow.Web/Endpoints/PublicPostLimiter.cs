using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;

namespace PeerFlow.Web.Endpoints;

/// <summary>
/// A limit on anonymous writes (the referral forms and API, emailed links) per client address: each accepted referral
/// stores a record, starts a workflow and sends email, so a flood from one address must not bury coordinators or mail
/// strangers from the organisation's sender. Staff endpoints are not limited. The state is in this instance's memory:
/// with N instances scaled out a client gets up to N times the limit (docs/security.md).
/// </summary>
public sealed class PublicPostLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;
    private readonly bool trustForwardedFor;

    /// <param name="burst">Posts a client may make at once (<c>PEERFLOW_PUBLIC_POST_BURST</c>, default 20).</param>
    /// <param name="perMinute">Posts a client regains each minute (<c>PEERFLOW_PUBLIC_POST_PER_MINUTE</c>, default 6).</param>
    /// <param name="trustForwardedFor">
    /// Whether a proxy PeerFlow trusts appends the caller's address to X-Forwarded-For (the Functions front end in
    /// Azure: <c>PEERFLOW_TRUST_FORWARDED_FOR=true</c>); without it the header is the caller's to forge.
    /// </param>
    public PublicPostLimiter(int burst, int perMinute, bool trustForwardedFor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(perMinute, 1);
        this.trustForwardedFor = trustForwardedFor;
        limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = perMinute,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    public static PublicPostLimiter FromConfiguration(IConfiguration configuration) => new(
        Setting(configuration, "PEERFLOW_PUBLIC_POST_BURST", 20),
        Setting(configuration, "PEERFLOW_PUBLIC_POST_PER_MINUTE", 6),
        string.Equals(configuration["PEERFLOW_TRUST_FORWARDED_FOR"], "true", StringComparison.OrdinalIgnoreCase));

    /// <summary>Null when the request may go on; otherwise how long the client should wait.</summary>
    public TimeSpan? Refuse(HttpContext http)
    {
        using var lease = limiter.AttemptAcquire(ClientOf(http));
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
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

    public void Dispose() => limiter.Dispose();

    private static int Setting(IConfiguration configuration, string name, int fallback) =>
        configuration[name] is { } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw new InvalidOperationException($"{name} must be a whole number above 0, not '{text}'.")
            : fallback;
}
