namespace PeerFlow.Domain.Matching;

/// <summary>
/// The matching profile of one referral, recorded at the initial assessment.
/// Empty collections mean "no requirement": the related filter is skipped and the related score part does not count.
/// </summary>
/// <param name="ReferralId">The referral being matched; also checked against mentors' conflicts of interest.</param>
/// <param name="ConflictKey">A family key, so a conflict recorded against the family covers all its referrals.</param>
public sealed record MatchRequest(string ReferralId, string? ConflictKey = null)
{
    /// <summary>Outward code such as "TQ2"; used for locality scoring and, when meeting in person, the area filter.</summary>
    public string? PostcodeDistrict { get; init; }

    /// <summary>When the family can meet; a mentor needs at least one slot in common.</summary>
    public IReadOnlyCollection<string> Availability { get; init; } = [];

    public IReadOnlyCollection<string> Interests { get; init; } = [];

    /// <summary>Situations the family would like their mentor to have experience of.</summary>
    public IReadOnlyCollection<string> ExperiencesSought { get; init; } = [];

    /// <summary>Languages the family can use; when given, a mentor needs at least one of them.</summary>
    public IReadOnlyCollection<string> Languages { get; init; } = [];

    /// <summary>A hard filter when given: the family's stated preference is respected, never traded off against score.</summary>
    public string? PreferredGender { get; init; }

    public IReadOnlyCollection<string> LearningStyles { get; init; } = [];

    /// <summary>
    /// Mentors never to be proposed again for this referral: pairings that broke down (and, if the caller keeps one list,
    /// declines too). Hard, whatever the score, so a failed pairing is never proposed twice.
    /// </summary>
    public IReadOnlyCollection<string> ExcludedMentorIds { get; init; } = [];

    /// <summary>
    /// Mentors who declined this referral. Also hard; kept apart from <see cref="ExcludedMentorIds"/> only so the
    /// coordinator reads "declined" rather than "broke down".
    /// </summary>
    public IReadOnlyCollection<string> DeclinedMentorIds { get; init; } = [];

    /// <summary>
    /// Postcode areas that count as local to this family besides its own (the scheme's neighbouring areas, e.g. "TQ"
    /// and "PL" for a family in "EX").
    /// </summary>
    public IReadOnlyCollection<string> NeighbouringAreas { get; init; } = [];

    /// <summary>When true the mentor must be in the same postcode area (the letters of the district, e.g. "EX");
    /// support by phone or online can be given from anywhere.</summary>
    public bool MeetsInPerson { get; init; }
}
