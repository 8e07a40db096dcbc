namespace PeerFlow.Domain.Records;

/// <summary>
/// Which kind of service a professional referrer works in: what commissioners ask of referral sources. A code, never
/// free text (the referrer's organisation and role are their personal details, kept with them).
/// </summary>
public enum ReferrerSector
{
    /// <summary>A social worker in children's services (fostering, adoption, a child's social worker).</summary>
    SocialWorker,

    /// <summary>Health: a GP, health visitor, midwife, mental health or hospital service.</summary>
    Health,

    /// <summary>A school, college or other education service.</summary>
    Education,

    /// <summary>A charity or community organisation.</summary>
    Voluntary,

    Other,
}

public static class ReferrerSectors
{
    /// <summary>Every sector, in the order the form offers them and the report lists them.</summary>
    public static IReadOnlyList<ReferrerSector> All { get; } = Enum.GetValues<ReferrerSector>();

    /// <summary>The words the form and the report use.</summary>
    public static string Label(ReferrerSector sector) => sector switch
    {
        ReferrerSector.SocialWorker => "Social worker (children's services)",
        ReferrerSector.Health => "Health",
        ReferrerSector.Education => "School or education",
        ReferrerSector.Voluntary => "Voluntary organisation",
        _ => "Other",
    };

    /// <summary>A sector's code as sent ("Health", any case); numbers and unknown names are not codes.</summary>
    public static bool TryParse(string? code, out ReferrerSector sector) => Text.Codes.TryParse(code, out sector);
}
