namespace PeerFlow.Domain.Matching;

/// <summary>
/// Ranks mentors for one referral: hard filters first, then a weighted, explained score.
/// Pure: no storage, no clock (today is passed in), so the same inputs always give the same shortlist.
/// </summary>
public static class Matcher
{
    /// <summary>A DBS check or training lapsing within this many days warns on the candidate instead of excluding.</summary>
    public const int ExpiryWarningDays = 30;

    public static Shortlist Shortlist(MatchRequest request, IEnumerable<MentorProfile> mentors, MatchingWeights weights, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(mentors);
        ArgumentNullException.ThrowIfNull(weights);

        var pool = mentors.ToList();
        if (pool.Any(m => m is null))
        {
            throw new ArgumentException("The mentor pool contains a null entry.", nameof(mentors));
        }

        // The tie-break on id would be meaningless, and one mentor could be both excluded and proposed.
        var duplicate = pool.GroupBy(m => m.MentorId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Mentor '{duplicate.Key}' appears more than once in the pool.", nameof(mentors));
        }

        var candidates = new List<(Candidate Candidate, int ActiveMatches)>();
        var excluded = new List<ExcludedMentor>();
        foreach (var mentor in pool)
        {
            var exclusions = HardFilters.Apply(request, mentor, today);
            if (exclusions.Count > 0)
            {
                excluded.Add(new ExcludedMentor(
                    mentor.MentorId,
                    [.. exclusions.Select(e => e.Reason)],
                    exclusions.All(e => e.Kind == ExclusionKind.Capacity))
                {
                    CanOverride = exclusions.All(e => HardFilters.Overridable(e.Kind)),
                });
                continue;
            }

            candidates.Add((ToCandidate(mentor, Scoring.Score(request, mentor, weights), today), mentor.ActiveMatches));
        }

        return new Shortlist(
            // Ranked on the rounded score the coordinator sees, so two mentors shown with equal scores are
            // ordered by the visible tie-breaks rather than by an invisible fraction of a point.
            [.. candidates
                .OrderByDescending(c => c.Candidate.Score)
                .ThenBy(c => c.ActiveMatches)
                .ThenBy(c => c.Candidate.MentorId, StringComparer.Ordinal)
                .Select(c => c.Candidate)],
            // Those the coordinator can act on first, capacity alone before the rest.
            [.. excluded
                .OrderByDescending(e => e.ExcludedOnlyForCapacity)
                .ThenByDescending(e => e.CanOverride)
                .ThenBy(e => e.MentorId, StringComparer.Ordinal)]);
    }

    private static Candidate ToCandidate(MentorProfile mentor, ScoredMentor scored, DateOnly today)
    {
        var warnings = Expiry.Warnings(mentor, today);
        var score = (int)Math.Clamp(Math.Round(scored.Score, MidpointRounding.AwayFromZero), 0, 100);
        return new Candidate(mentor.MentorId, score, [.. warnings, .. scored.Reasons], scored.Parts, warnings);
    }
}
