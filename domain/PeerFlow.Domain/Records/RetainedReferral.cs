namespace PeerFlow.Domain.Records;

/// <summary>
/// What the monthly reports still count of a referral that retention erased: its record stripped of everything that
/// could point to a person (reference, matching profile, signposting, submission fingerprint, excluded mentors), its
/// matches (mentor ids, statuses, dates and reason codes: what the mentor-load and breakdown figures read), its
/// check-ins and feedback without their notes and comments, the mentee's outcome scores, and the times of its safeguarding concerns without their
/// details. Written before anything is erased, keyed by the referral's id in a partition per scheme, so a repeated
/// run writes the same row again and the reports count it once.
/// </summary>
public sealed record RetainedReferral(
    Referral Referral,
    IReadOnlyList<Match> Matches,
    IReadOnlyList<CheckIn> CheckIns,
    IReadOnlyList<Feedback> Feedback,
    IReadOnlyList<DateTime> ConcernsRaisedAt)
{
    /// <summary>
    /// The mentee's outcome-scale scores (numbers by statement id, no words): what the report's distance travelled is
    /// computed from. Absent from figures kept before outcome scales existed, so an init property that defaults to none.
    /// </summary>
    public IReadOnlyList<OutcomeAnswers> Outcomes { get; init; } = [];

    /// <summary>
    /// Where the referral came from, for the report's geography: the mentee's postcode district as given ("EX4"), or
    /// the one gathered at assessment when none was. Retention keeps only its area ("EX"), so an erased referral counts
    /// in its area's total and no district's. Null when none is known, and in figures kept before it was reported.
    /// </summary>
    public string? PostcodeDistrict { get; init; }

    private static string? Known(string? district) => string.IsNullOrWhiteSpace(district) ? null : district.Trim().ToUpperInvariant();

    /// <summary>Stands in for the reference, which staff and families quote and so identifies the referral.</summary>
    public const string RetainedReference = "retained";

    /// <param name="postcodeDistrict">The mentee's district from their person record; the matching profile's is used when it is null.</param>
    public static RetainedReferral Of(
        Referral referral, IEnumerable<Match> matches, IEnumerable<CheckIn> checkIns, IEnumerable<Feedback> feedback, IEnumerable<SafeguardingConcern> concerns,
        IEnumerable<OutcomeAnswers>? outcomes = null, string? postcodeDistrict = null)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return new RetainedReferral(
            referral with
            {
                Reference = RetainedReference,
                Profile = null,
                SignpostedTo = null,
                SubmissionFingerprint = null,
                ExcludedMentorIds = [],
                RecontactOn = null,
            },
            [.. matches.Select(m => m with { CapacityOverrideReason = null })],
            [.. checkIns.Select(c => c with { Notes = null })],
            [.. feedback.Select(f => f with { Comments = null })],
            [.. concerns.Select(c => c.At)])
        {
            Outcomes = [.. outcomes ?? []],
            PostcodeDistrict = Known(postcodeDistrict) ?? Known(referral.Profile?.PostcodeDistrict),
        };
    }
}
