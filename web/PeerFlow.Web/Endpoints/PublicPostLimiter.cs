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
    private readonly TokenBuckets buckets = new(burst, perMinute, time);

    public static PublicPostLimiter FromConfiguration(IConfiguration configuration, TimeProvider time) => new(
        Setting(configuration, "PEERFLOW_PUBLIC_POST_BURST", 20),
        Setting(configuration, "PEERFLOW_PUBLIC_POST_PER_MINUTE", 6),
        string.Equals(configuration["PEERFLOW_TRUST_FORWARDED_FOR"], "true", StringComparison.OrdinalIgnoreCase),
        time);

    /// <summary>Null when the request may go on; otherwise how long the client should wait.</summary>
    public TimeSpan? Refuse(HttpContext http) => buckets.Take(ClientOf(http));

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

    internal static int Setting(IConfiguration configuration, string name, int fallback) =>
        configuration[name] is { } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw new InvalidOperationException($"{name} must be a whole number above 0, not '{text}'.")
            : fallback;
}
