using System.Globalization;

namespace PeerFlow.Domain.Storage;

/// <summary>
/// The retention schedule's index: one row per closed referral not yet erased, in a partition per closure month
/// (UTC, "yyyy-MM"), so that the daily retention run reads only the months old enough to hold something due, never
/// every referral. Ids and a time only.
/// </summary>
public sealed record ClosedReferral(string ReferralId, string SchemeId, DateTime ClosedAt);

public static class ClosureMonths
{
    public static string Partition(DateTime closedAt) => closedAt.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Writes the referral's row; writing it again changes nothing.</summary>
    public static Task RecordAsync(PeerFlowStore store, string referralId, string schemeId, DateTime closedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Closures.UpsertAsync(Partition(closedAt), referralId, new ClosedReferral(referralId, schemeId, closedAt), null, cancellationToken);
    }
}
