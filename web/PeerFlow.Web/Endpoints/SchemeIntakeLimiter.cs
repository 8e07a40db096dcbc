namespace PeerFlow.Web.Endpoints;

/// <summary>
/// A limit on anonymous referrals per scheme, beside the per-address one (<see cref="PublicPostLimiter"/>): a flood
/// from many addresses at one scheme passes every address's limit, and would otherwise fill the scheme's dashboard and
/// its coordinator's inbox. Checked once the scheme is known (the body is read) and before anything is stored. Staff
/// are not counted. In this instance's memory, as the per-address limit is.
/// </summary>
public sealed class SchemeIntakeLimiter(int burst, int perMinute, TimeProvider time)
{
    private readonly TokenBuckets buckets = new(burst, perMinute, time);

    /// <summary>
    /// Defaults: a morning's backlog of 30 at once, then 2 a minute (nearly 3,000 a day), far above any scheme's
    /// ordinary intake of a few a day and far below what would bury its coordinator.
    /// </summary>
    public static SchemeIntakeLimiter FromConfiguration(IConfiguration configuration, TimeProvider time) => new(
        PublicPostLimiter.Setting(configuration, "PEERFLOW_SCHEME_POST_BURST", 30),
        PublicPostLimiter.Setting(configuration, "PEERFLOW_SCHEME_POST_PER_MINUTE", 2),
        time);

    /// <summary>Null when the referral may be taken; otherwise how long before the scheme takes another.</summary>
    public TimeSpan? Refuse(string schemeId) => buckets.Take(schemeId);
}
