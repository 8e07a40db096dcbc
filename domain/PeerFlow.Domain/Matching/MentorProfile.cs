namespace PeerFlow.Domain.Matching;

/// <summary>
/// What the matcher needs to know about one mentor (a volunteer peer supporter).
/// Tag collections are treated as sets and compared case-insensitively, because coordinators type them.
/// </summary>
/// <param name="MentorId">Stable id; the shortlist names mentors by id only.</param>
/// <param name="DisplayName">For coordinators' screens only; the matcher never copies it into a shortlist,
/// so a shortlist can be stored or logged without the mentor's name.</param>
public sealed record MentorProfile(string MentorId, string DisplayName)
{
    /// <summary>False while the mentor is paused (holiday, illness, a break between matches).</summary>
    public bool Active { get; init; } = true;

    /// <summary>How many families the mentor supports at once; schemes default to 2.</summary>
    public int Capacity { get; init; } = 2;

    public int ActiveMatches { get; init; }

    /// <summary>The day the DBS check stops counting (the scheme's renewal date). Null means no check on record,
    /// which excludes the mentor: a missing check must not pass silently.</summary>
    public DateOnly? DbsCheckExpires { get; init; }

    public bool TrainingCompleted { get; init; }

    /// <summary>The day refresher training falls due; null when the scheme's training does not expire.</summary>
    public DateOnly? TrainingExpires { get; init; }

    /// <summary>Outward code such as "EX1"; a full postcode is accepted and cut to its district.</summary>
    public string? PostcodeDistrict { get; init; }

    /// <summary>Slots such as "weekday-daytime", "weekday-evening", "weekend".</summary>
    public IReadOnlyCollection<string> Availability { get; init; } = [];

    public IReadOnlyCollection<string> Interests { get; init; } = [];

    /// <summary>Situations the mentor has lived through or supported, e.g. "early-placement", "newly-diagnosed".</summary>
    public IReadOnlyCollection<string> Experiences { get; init; } = [];

    public IReadOnlyCollection<string> Languages { get; init; } = [];

    public string? Gender { get; init; }

    /// <summary>E.g. "practical", "reflective".</summary>
    public IReadOnlyCollection<string> LearningStyles { get; init; } = [];

    /// <summary>Referral ids or family keys the mentor must never be matched with (neighbours, relatives, colleagues).</summary>
    public IReadOnlyCollection<string> ConflictsOfInterest { get; init; } = [];
}
