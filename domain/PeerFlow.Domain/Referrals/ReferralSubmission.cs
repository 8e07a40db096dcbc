using PeerFlow.Domain.Records;

namespace PeerFlow.Domain.Referrals;

/// <summary>What a referrer sends: only what the scheme needs to make contact and decide (data minimisation).</summary>
public sealed record ReferralSubmission
{
    public string? SchemeId { get; init; }

    public ReferralKind Kind { get; init; }

    public bool Urgent { get; init; }

    public bool Consent { get; init; }

    /// <summary>
    /// The referred person agreed that whoever referred them (themselves, on a self-referral) hears how the referral
    /// goes: short updates at the stages the scheme chooses, with nothing beyond the reference and the stage.
    /// </summary>
    public bool ReferrerUpdates { get; init; }

    public string? Name { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    /// <summary>The person's UK mobile, for texts (07… or +447…; kept as +447…).</summary>
    public string? Mobile { get; init; }

    /// <summary>The person agreed to be sent text messages.</summary>
    public bool TextConsent { get; init; }

    /// <summary>How the person wants messages: email (the default), text, or both.</summary>
    public Sms.ContactChannel PreferredChannel { get; init; }

    public string? PostcodeDistrict { get; init; }

    [Text.MultiLine]
    public string? ReasonForReferral { get; init; }

    public string? ReferrerName { get; init; }

    public string? ReferrerEmail { get; init; }

    public string? ReferrerPhone { get; init; }

    public string? ReferrerOrganisation { get; init; }

    /// <summary>Optional equality monitoring, by code (<see cref="Records.AgeBand"/>, …), kept only where the scheme asks it. Left out of the fingerprint when absent.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? AgeBand { get; init; }

    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Gender { get; init; }

    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? EthnicGroup { get; init; }

    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Disability { get; init; }

    /// <summary>
    /// A professional's sector, by its code (<see cref="Records.ReferrerSector"/>: SocialWorker, Health, Education,
    /// Voluntary, Other). Text rather than the enum, so an unknown code is a field error and not an unreadable body.
    /// Left out of the fingerprint when absent, so a submission of before it existed hashes as it did.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? ReferrerSector { get; init; }
}
