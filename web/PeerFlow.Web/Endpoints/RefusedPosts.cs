using System.Collections.Concurrent;

namespace PeerFlow.Web.Endpoints;

/// <summary>
/// How many referral posts the limits refused lately, for the dashboard: a flood shows to staff as one count, not as
/// an alert per attempt. Counted per minute and kept a day, so a flood of any size holds at most 1,440 numbers. In
/// this instance's memory: with several instances, each counts what it refused.
/// </summary>
public sealed class RefusedPosts(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>The endpoints that take referrals: their refusals are what the count is of.</summary>
    public static readonly IReadOnlySet<string> ReferralPosts = new HashSet<string>(["SubmitReferral", "ReferSelfPost", "ReferProfessionalPost"], StringComparer.Ordinal);

    private readonly ConcurrentDictionary<long, int> minutes = new();

    public void Record()
    {
        var minute = Minute(time.GetUtcNow());
        minutes.AddOrUpdate(minute, 1, (_, count) => count + 1);
        foreach (var old in minutes.Keys.Where(m => m <= minute - (long)Window.TotalMinutes))
        {
            minutes.TryRemove(old, out _);
        }
    }

    /// <summary>Refusals in the last 24 hours.</summary>
    public int LastDay()
    {
        var since = Minute(time.GetUtcNow()) - (long)Window.TotalMinutes;
        return minutes.Where(m => m.Key > since).Sum(m => m.Value);
    }

    private static long Minute(DateTimeOffset at) => at.ToUnixTimeSeconds() / 60;
}
