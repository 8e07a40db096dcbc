namespace PeerFlow.Domain.Matching;

/// <summary>
/// The matcher's answer for one referral: who could be proposed, best first, and who could not, with why.
/// Reasons mention the family's preferences and mentors' checks, so keep shortlists out of orchestration history and logs;
/// carry the referral id and rebuild the shortlist when it is needed.
/// </summary>
public sealed record Shortlist(IReadOnlyList<Candidate> Candidates, IReadOnlyList<ExcludedMentor> Excluded)
{
    public static Shortlist Empty { get; } = new([], []);
}

/// <summary>A mentor who passed every hard filter.</summary>
/// <param name="Score">0–100, rounded; the sum of <paramref name="Parts"/>' points before rounding.</param>
/// <param name="Reasons">Everything the coordinator should read, warnings first.</param>
/// <param name="Parts">One entry per criterion that counted for this request.</param>
/// <param name="Warnings">The subset of reasons that needs action soon (a DBS check or training about to lapse),
/// so the screen can highlight them.</param>
public sealed record Candidate(
    string MentorId,
    int Score,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<ScorePart> Parts,
    IReadOnlyList<string> Warnings);

/// <summary>A mentor who failed at least one hard filter.</summary>
/// <param name="Reasons">Every filter the mentor failed, not just the first, so the coordinator sees the whole picture.</param>
/// <param name="ExcludedOnlyForCapacity">True when capacity is the only obstacle: the coordinator may then override it
/// with a logged reason. Never true for anything else, a failed pairing above all.</param>
public sealed record ExcludedMentor(string MentorId, IReadOnlyList<string> Reasons, bool ExcludedOnlyForCapacity)
{
    /// <summary>
    /// True when every reason is one a coordinator may set aside with a recorded reason (capacity, the family's
    /// stated needs: area, times, language, gender); never when safety is one of them.
    /// </summary>
    public bool CanOverride { get; init; }
}
