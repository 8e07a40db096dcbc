namespace PeerFlow.Domain.Matching;

/// <summary>A mentor's unrounded score with what made it up.</summary>
internal sealed record ScoredMentor(double Score, List<ScorePart> Parts, List<string> Reasons);

/// <summary>
/// The weighted score of a mentor who passed the hard filters. Each criterion gives a fit from 0 to 1 and a reason;
/// a criterion the request says nothing about (no interests recorded, say) is left out rather than scored 0,
/// so a sparse assessment does not drag every score down and 100 always means "fits everything asked for".
/// </summary>
internal static class Scoring
{
    private sealed record Assessment(MatchCriterion Criterion, double Fit, string Reason);

    public static ScoredMentor Score(MatchRequest request, MentorProfile mentor, MatchingWeights weights)
    {
        Assessment?[] assessed =
        [
            Experience(request, mentor),
            Interests(request, mentor),
            LearningStyle(request, mentor),
            Language(request, mentor),
            Locality(request, mentor),
            LoadBalance(mentor),
        ];
        var counted = assessed.OfType<Assessment>().ToList();

        var totalWeight = counted.Sum(a => WeightOf(a.Criterion, weights));
        var parts = counted
            .Select(a =>
            {
                var weight = WeightOf(a.Criterion, weights);
                // All weights zero leaves nothing to rank on; every score is then 0 and the tie-breaks decide.
                var points = totalWeight > 0 ? weight * a.Fit / totalWeight * 100 : 0;
                return new ScorePart(a.Criterion, weight, a.Fit, points);
            })
            .ToList();

        return new ScoredMentor(parts.Sum(p => p.Points), parts, [.. counted.Select(a => a.Reason)]);
    }

    private static double WeightOf(MatchCriterion criterion, MatchingWeights weights) => criterion switch
    {
        MatchCriterion.Experience => weights.Experience,
        MatchCriterion.Interests => weights.Interests,
        MatchCriterion.LearningStyle => weights.LearningStyle,
        MatchCriterion.Language => weights.Language,
        MatchCriterion.Locality => weights.Locality,
        MatchCriterion.LoadBalance => weights.LoadBalance,
        _ => throw new ArgumentOutOfRangeException(nameof(criterion), criterion, null),
    };

    private static Assessment? Experience(MatchRequest request, MentorProfile mentor)
    {
        var wanted = Tags.ToSet(request.ExperiencesSought);
        if (wanted.Count == 0)
        {
            return null;
        }

        var shared = Tags.Shared(wanted, mentor.Experiences);
        var missing = wanted.Except(shared, StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
        var reason = (shared.Count, missing.Count) switch
        {
            (0, _) => $"No experience of {Tags.DisplayList(missing)}",
            (_, 0) => $"Has experience of {Tags.DisplayList(shared)}",
            _ => $"Has experience of {Tags.DisplayList(shared)} (not {Tags.DisplayList(missing)})",
        };
        return new Assessment(MatchCriterion.Experience, Fraction(shared.Count, wanted.Count), reason);
    }

    private static Assessment? Interests(MatchRequest request, MentorProfile mentor)
    {
        var wanted = Tags.ToSet(request.Interests);
        if (wanted.Count == 0)
        {
            return null;
        }

        var shared = Tags.Shared(wanted, mentor.Interests);
        var reason = shared.Count == 0
            ? "No shared interests"
            : $"Shares {Wording.Count(shared.Count, "interest", "interests")}: {Tags.DisplayList(shared)}";
        return new Assessment(MatchCriterion.Interests, Fraction(shared.Count, wanted.Count), reason);
    }

    private static Assessment? LearningStyle(MatchRequest request, MentorProfile mentor)
    {
        var wanted = Tags.ToSet(request.LearningStyles);
        if (wanted.Count == 0)
        {
            return null;
        }

        var shared = Tags.Shared(wanted, mentor.LearningStyles);
        var reason = shared.Count switch
        {
            0 => "Different learning style",
            1 => $"Shares a learning style: {Tags.DisplayList(shared)}",
            _ => $"Shares learning styles: {Tags.DisplayList(shared)}",
        };
        return new Assessment(MatchCriterion.LearningStyle, Fraction(shared.Count, wanted.Count), reason);
    }

    // At least one shared language is already a hard filter; the fit rewards a mentor who covers more of the family's
    // languages (a family using both Polish and English is better served by a mentor who speaks both).
    private static Assessment? Language(MatchRequest request, MentorProfile mentor)
    {
        var wanted = Tags.ToSet(request.Languages);
        if (wanted.Count == 0)
        {
            return null;
        }

        var shared = Tags.Shared(wanted, mentor.Languages);
        var reason = $"Speaks {string.Join(", ", shared.Select(Wording.Capitalised))}";
        return new Assessment(MatchCriterion.Language, Fraction(shared.Count, wanted.Count), reason);
    }

    // Same district is best, same area is half as good: near enough to meet, further to travel.
    private static Assessment? Locality(MatchRequest request, MentorProfile mentor)
    {
        var wantedDistrict = Postcode.District(request.PostcodeDistrict);
        if (wantedDistrict is null)
        {
            return null;
        }

        var wantedArea = Postcode.Area(wantedDistrict);
        var haveArea = Postcode.Area(mentor.PostcodeDistrict);
        return Postcode.District(mentor.PostcodeDistrict) switch
        {
            null => new Assessment(MatchCriterion.Locality, 0, "Postcode not recorded"),
            var have when have == wantedDistrict => new Assessment(MatchCriterion.Locality, 1, "Same postcode district"),
            _ when haveArea is not null && haveArea == wantedArea =>
                new Assessment(MatchCriterion.Locality, 0.5, $"Same postcode area ({haveArea})"),
            var have => new Assessment(MatchCriterion.Locality, 0, $"Different postcode area: {haveArea ?? have} vs {wantedArea ?? wantedDistrict}"),
        };
    }

    // Spreads the work: an idle mentor fits fully, one with a single space left less so.
    private static Assessment LoadBalance(MentorProfile mentor)
    {
        var fit = mentor.Capacity > 0 ? Math.Clamp(1 - ((double)mentor.ActiveMatches / mentor.Capacity), 0, 1) : 0;
        var reason = $"Supporting {mentor.ActiveMatches} of {mentor.Capacity} {Wording.Families(mentor.Capacity)} — has room";
        return new Assessment(MatchCriterion.LoadBalance, fit, reason);
    }

    private static double Fraction(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}
