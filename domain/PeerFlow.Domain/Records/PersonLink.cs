namespace PeerFlow.Domain.Records;

/// <summary>
/// Another referral of possibly the same person, found at intake (same email, phone, or name and postcode district).
/// Written both ways, so each referral's page names the other; erased with either. <see cref="Why"/> names the fields
/// that agreed, never their values.
/// </summary>
public sealed record PersonLink(string ReferralId, string OtherReferralId, string OtherReference, string OtherSchemeId, string Why, DateTime FoundAt);
