namespace PeerFlow.Domain.Records;

public enum PersonRole
{
    Mentee,
    Referrer,
}

/// <summary>
/// Personal data of someone on a referral, kept in its own table and never in workflow state, queue messages,
/// logs or telemetry. Only what the form needs is collected.
/// </summary>
public sealed record Person
{
    public required string ReferralId { get; init; }

    public required PersonRole Role { get; init; }

    public required string Name { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    /// <summary>A UK mobile in E.164 (+447…), for texts; normalised when it is collected.</summary>
    public string? Mobile { get; init; }

    /// <summary>Whether they agreed to be texted: without it, no text goes, whatever they prefer.</summary>
    public bool TextConsent { get; init; }

    public Sms.ContactChannel PreferredChannel { get; init; }

    public string? PostcodeDistrict { get; init; }

    /// <summary>A referrer's organisation and role, e.g. "Fostering team, social worker".</summary>
    public string? Organisation { get; init; }

    /// <summary>The mentee's own words, or the referrer's, on why support is wanted now.</summary>
    public string? ReasonForReferral { get; init; }

    /// <summary>
    /// The mentee described in words the coordinator chose for a proposed mentor to read (never the private notes or
    /// the reason for referral): what the match proposal says about the family.
    /// </summary>
    public string? SharedDescription { get; init; }

    /// <summary>The mentee's optional equality monitoring answers, where their scheme asks them; null when none were given.</summary>
    public Equalities? Equalities { get; init; }

    public string FirstName => Text.PersonNames.First(Name);
}
