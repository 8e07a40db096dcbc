namespace PeerFlow.Domain.Matching;

/// <summary>
/// How much each criterion counts in a mentor's score; comes from the scheme's policy.
/// Only the ratios matter: the score is normalised to 0–100 over the criteria the request gives.
/// </summary>
public sealed record MatchingWeights
{
    /// <summary>Shared situation counts most: the schemes list the mentor's own experience first, and peer
    /// support rests on it.</summary>
    public double Experience { get; init => field = NonNegative(value); } = 3;

    /// <summary>Second: the Troy case study (004) shows shared interests can make or break a pairing.</summary>
    public double Interests { get; init => field = NonNegative(value); } = 2;

    public double LearningStyle { get; init => field = NonNegative(value); } = 1;

    /// <summary>A shared language is already a hard filter; this rewards covering more of the family's languages.</summary>
    public double Language { get; init => field = NonNegative(value); } = 1;

    public double Locality { get; init => field = NonNegative(value); } = 1.5;

    /// <summary>Small, so spreading the work nudges the ranking without outweighing a good fit.</summary>
    public double LoadBalance { get; init => field = NonNegative(value); } = 1;

    public static MatchingWeights Default { get; } = new();

    // A negative or NaN weight would let a criterion push a score below zero or poison the ranking; a policy typo
    // should fail loudly when the policy is loaded, not produce a quietly wrong shortlist.
    private static double NonNegative(double value, [System.Runtime.CompilerServices.CallerMemberName] string name = "") =>
        double.IsFinite(value) && value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(name, value, "A matching weight must be a finite number of zero or more.");
}
