namespace PeerFlow.Domain.Matching;

/// <summary>What a hard filter found; the kind lets the matcher tell a capacity-only exclusion from the rest.</summary>
internal enum ExclusionKind
{
    Paused,
    PreviousPairing,
    ConflictOfInterest,
    Dbs,
    Training,
    Capacity,
    Gender,
    Availability,
    Locality,
    Language,
}

internal readonly record struct Exclusion(ExclusionKind Kind, string Reason);

/// <summary>
/// The rules no score can outweigh: safety (checks, conflicts, failed pairings), capacity, and the family's stated needs.
/// Every filter runs, so an excluded mentor carries all its reasons and the coordinator need not fix them one at a time.
/// </summary>
internal static class HardFilters
{
    // Fixed order, so the reasons on an excluded mentor always read in the same sequence: the most serious first.
    private static readonly (ExclusionKind Kind, Func<MatchRequest, MentorProfile, DateOnly, string?> Check)[] Checks =
    [
        (ExclusionKind.Paused, (_, m, _) => m.Active ? null : "Paused"),
        (ExclusionKind.PreviousPairing, (r, m, _) => PreviousPairing(r, m)),
        (ExclusionKind.ConflictOfInterest, (r, m, _) => ConflictOfInterest(r, m)),
        (ExclusionKind.Dbs, (_, m, today) => Dbs(m, today)),
        (ExclusionKind.Training, (_, m, today) => Training(m, today)),
        (ExclusionKind.Capacity, (_, m, _) => Capacity(m)),
        (ExclusionKind.Gender, (r, m, _) => Gender(r, m)),
        (ExclusionKind.Availability, (r, m, _) => Availability(r, m)),
        (ExclusionKind.Locality, (r, m, _) => Locality(r, m)),
        (ExclusionKind.Language, (r, m, _) => Language(r, m)),
    ];

    /// <summary>
    /// The family's stated needs and the mentor's capacity may be set aside by a coordinator with a recorded reason;
    /// safety may not: a paused mentor, a failed pairing, a conflict of interest, a lapsed DBS check or training.
    /// </summary>
    public static bool Overridable(ExclusionKind kind) =>
        kind is ExclusionKind.Capacity or ExclusionKind.Gender or ExclusionKind.Availability or ExclusionKind.Locality or ExclusionKind.Language;

    public static List<Exclusion> Apply(MatchRequest request, MentorProfile mentor, DateOnly today) =>
        [.. Checks
            .Select(c => (c.Kind, Reason: c.Check(request, mentor, today)))
            .Where(c => c.Reason is not null)
            .Select(c => new Exclusion(c.Kind, c.Reason!))];

    private static string? PreviousPairing(MatchRequest request, MentorProfile mentor)
    {
        // A decline is worded as such even if the caller also lists it among the excluded ids.
        if (Tags.ToSet(request.DeclinedMentorIds).Contains(mentor.MentorId))
        {
            return "Previously proposed for this family — the mentor declined";
        }

        return Tags.ToSet(request.ExcludedMentorIds).Contains(mentor.MentorId)
            ? "Previously paired with this family — the match broke down"
            : null;
    }

    private static string? ConflictOfInterest(MatchRequest request, MentorProfile mentor)
    {
        var conflicts = Tags.ToSet(mentor.ConflictsOfInterest);
        var hit = conflicts.Contains(request.ReferralId)
            || (!string.IsNullOrWhiteSpace(request.ConflictKey) && conflicts.Contains(request.ConflictKey.Trim()));
        return hit ? "Conflict of interest" : null;
    }

    private static string? Dbs(MentorProfile mentor, DateOnly today) => mentor.DbsCheckExpires switch
    {
        null => "No DBS check on record",
        { } expires when Expiry.HasLapsed(expires, today) => $"DBS check expired on {Wording.Date(expires)}",
        _ => null,
    };

    private static string? Training(MentorProfile mentor, DateOnly today) => mentor switch
    {
        { TrainingCompleted: false } => "Training not completed",
        { TrainingExpires: { } expires } when Expiry.HasLapsed(expires, today) => $"Training expired on {Wording.Date(expires)}",
        _ => null,
    };

    private static string? Capacity(MentorProfile mentor) =>
        mentor.ActiveMatches >= mentor.Capacity
            ? $"At capacity: {mentor.ActiveMatches} of {mentor.Capacity} {Wording.Families(mentor.Capacity)}"
            : null;

    private static string? Gender(MatchRequest request, MentorProfile mentor)
    {
        if (string.IsNullOrWhiteSpace(request.PreferredGender))
        {
            return null;
        }

        var wanted = request.PreferredGender.Trim();
        // A mentor whose gender is not recorded cannot be assumed to meet the preference.
        return string.Equals(wanted, mentor.Gender?.Trim(), StringComparison.OrdinalIgnoreCase)
            ? null
            : $"Prefers {Wording.WithArticle(wanted.ToLowerInvariant())} mentor";
    }

    private static string? Availability(MatchRequest request, MentorProfile mentor) =>
        Tags.IsEmpty(request.Availability) || Tags.AnyShared(request.Availability, mentor.Availability)
            ? null
            : "Not available at the times needed";

    private static string? Locality(MatchRequest request, MentorProfile mentor)
    {
        if (!request.MeetsInPerson)
        {
            return null;
        }

        var wanted = Postcode.Area(request.PostcodeDistrict);
        var have = Postcode.Area(mentor.PostcodeDistrict);
        return (wanted, have) switch
        {
            // Without the family's postcode nobody can be shown to be local; saying so points at the missing data.
            (null, _) => "Not local: the family's postcode is not recorded",
            (_, null) => "Not local: the mentor's postcode is not recorded",
            _ when wanted == have => null,
            // The scheme's neighbouring areas count as local (a family in TQ and a mentor in EX, in Devon).
            _ when Tags.ToSet(request.NeighbouringAreas).Contains(have) => null,
            // The mentor's area first: the line sits under the mentor's name.
            _ => $"Not local: {have} vs {wanted}",
        };
    }

    private static string? Language(MatchRequest request, MentorProfile mentor) =>
        Tags.IsEmpty(request.Languages) || Tags.AnyShared(request.Languages, mentor.Languages)
            ? null
            : "No shared language";
}
