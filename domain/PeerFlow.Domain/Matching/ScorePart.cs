namespace PeerFlow.Domain.Matching;

/// <summary>The criteria a mentor is scored on, each weighted by <see cref="MatchingWeights"/>.</summary>
public enum MatchCriterion
{
    Experience,
    Interests,
    LearningStyle,
    Language,
    Locality,
    LoadBalance,
}

/// <summary>One criterion's share of a candidate's score, so a coordinator can see what the number is made of.</summary>
/// <param name="Weight">The scheme's weight for the criterion.</param>
/// <param name="Fit">How well the mentor meets it, from 0 (not at all) to 1 (fully).</param>
/// <param name="Points">Its contribution to the 0–100 score; a candidate's points add up to its unrounded score.</param>
public sealed record ScorePart(MatchCriterion Criterion, double Weight, double Fit, double Points);
