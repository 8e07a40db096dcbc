using System.Globalization;

namespace PeerFlow.Domain.Records;

/// <summary>
/// A proposal of a mentor the shortlist excluded, set aside by a coordinator with a reason: listed for managers by the
/// London month it was made (partition "yyyy-MM"), erased with its referral (the row is found from the match).
/// </summary>
public sealed record MatchOverride
{
    public required string ReferralId { get; init; }

    public required string Reference { get; init; }

    public required string SchemeId { get; init; }

    public required string MatchId { get; init; }

    public required string MentorId { get; init; }

    /// <summary>The shortlist's reasons set aside, as the coordinator read them.</summary>
    public IReadOnlyList<string> Overridden { get; init; } = [];

    public required string Reason { get; init; }

    public required string By { get; init; }

    public DateTime At { get; init; }

    public static string Partition(DateTime proposedAtUtc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(proposedAtUtc, DateTimeKind.Utc), Calendar.UkTime.London).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string Row(string referralId, string matchId) => referralId + "-" + matchId;
}
