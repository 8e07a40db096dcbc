namespace PeerFlow.Domain.Records;

public enum AgeBand
{
    Under18,
    From18To24,
    From25To34,
    From35To44,
    From45To54,
    From55To64,
    From65,
    PreferNotToSay,
}

public enum Gender
{
    Woman,
    Man,
    NonBinary,
    Other,
    PreferNotToSay,
}

/// <summary>The five high-level ethnic groups of the ONS census question, and not saying.</summary>
public enum EthnicGroup
{
    Asian,
    Black,
    Mixed,
    White,
    Other,
    PreferNotToSay,
}

public enum Disability
{
    Yes,
    No,
    PreferNotToSay,
}

/// <summary>
/// Equality monitoring answers a scheme may choose to ask (<see cref="Schemes.Scheme.Equalities"/>): each optional,
/// never required, kept with the person's details (<see cref="Person.Equalities"/>) and never on the workflow-facing
/// referral, so erasure and subject access reach them with the person. Reports show them only in groups of five or more.
/// </summary>
public sealed record Equalities
{
    public AgeBand? AgeBand { get; init; }

    public Gender? Gender { get; init; }

    public EthnicGroup? EthnicGroup { get; init; }

    public Disability? Disability { get; init; }

    public bool IsEmpty => AgeBand is null && Gender is null && EthnicGroup is null && Disability is null;

    public static string Label(AgeBand band) => band switch
    {
        Records.AgeBand.Under18 => "Under 18",
        Records.AgeBand.From18To24 => "18 to 24",
        Records.AgeBand.From25To34 => "25 to 34",
        Records.AgeBand.From35To44 => "35 to 44",
        Records.AgeBand.From45To54 => "45 to 54",
        Records.AgeBand.From55To64 => "55 to 64",
        Records.AgeBand.From65 => "65 or over",
        _ => "Prefer not to say",
    };

    public static string Label(Gender gender) => gender switch
    {
        Records.Gender.Woman => "Woman",
        Records.Gender.Man => "Man",
        Records.Gender.NonBinary => "Non-binary",
        Records.Gender.Other => "Another way",
        _ => "Prefer not to say",
    };

    public static string Label(EthnicGroup group) => group switch
    {
        Records.EthnicGroup.Asian => "Asian, Asian British, Asian Welsh",
        Records.EthnicGroup.Black => "Black, Black British, Black Welsh, Caribbean or African",
        Records.EthnicGroup.Mixed => "Mixed or multiple ethnic groups",
        Records.EthnicGroup.White => "White",
        Records.EthnicGroup.Other => "Other ethnic group",
        _ => "Prefer not to say",
    };

    public static string Label(Disability disability) => disability switch
    {
        Records.Disability.Yes => "Yes",
        Records.Disability.No => "No",
        _ => "Prefer not to say",
    };
}
