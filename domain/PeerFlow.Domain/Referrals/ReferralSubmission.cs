using PeerFlow.Domain.Records;

namespace PeerFlow.Domain.Referrals;

/// <summary>What a referrer sends: only what the scheme needs to make contact and decide (data minimisation).</summary>
public sealed record ReferralSubmission
{
    public string? SchemeId { get; init; }

    public ReferralKind Kind { get; init; }

    public bool Urgent { get; init; }

    public bool Consent { get; init; }

    public string? Name { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    public string? PostcodeDistrict { get; init; }

    [Text.MultiLine]
    public string? ReasonForReferral { get; init; }

    public string? ReferrerName { get; init; }

    public string? ReferrerEmail { get; init; }

    public string? ReferrerPhone { get; init; }

    public string? ReferrerOrganisation { get; init; }
}
