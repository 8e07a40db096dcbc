namespace PeerFlow.Domain.Referrals;

/// <summary>
/// The fixed reasons a match breaks down or a referral closes. Only these codes reach a workflow (and so its
/// history); whatever a coordinator types beyond a code stays in the referral's records.
/// </summary>
public static class ReasonCodes
{
    public const string Other = "other";

    public static IReadOnlyList<(string Code, string Label)> Breakdown { get; } =
    [
        ("relationship", "The relationship did not work"),
        ("mentor-unavailable", "The mentor can no longer continue"),
        ("family-disengaged", "The family stopped taking part"),
        (Other, "Another reason"),
    ];

    public static IReadOnlyList<(string Code, string Label)> Closure { get; } =
    [
        ("planned-end", "Support came to its planned end"),
        ("withdrawn", "The person withdrew"),
        ("no-contact", "We could not make contact"),
        ("moved-away", "The person moved away"),
        (Other, "Another reason"),
    ];

    /// <summary>
    /// The code for what was given: a known code or label ("planned-end", "Planned end", "Support came to its planned
    /// end"), nothing as <paramref name="absent"/>, and any other text as <see cref="Other"/>, with the text itself
    /// returned as a note to keep in the records.
    /// </summary>
    public static (string Code, string? Note) Read(string? given, IReadOnlyList<(string Code, string Label)> known, string absent)
    {
        if (string.IsNullOrWhiteSpace(given))
        {
            return (absent, null);
        }

        var trimmed = given.Trim();
        var asCode = string.Join('-', trimmed.ToLowerInvariant().Split([' ', '_', '-'], StringSplitOptions.RemoveEmptyEntries));
        var match = known.FirstOrDefault(k => k.Code == asCode || string.Equals(k.Label, trimmed, StringComparison.OrdinalIgnoreCase));
        return match.Code is not null ? (match.Code, null) : (Other, trimmed);
    }
}
