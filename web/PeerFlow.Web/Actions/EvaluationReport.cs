using PeerFlow.Domain.Records;

namespace PeerFlow.Web.Actions;

/// <summary>
/// A calendar month's figures for each scheme. Numbers only, no names or references, so the report can be emailed and
/// printed without exposing anyone; the one free text is feedback whose writers agreed to be quoted without their name.
/// </summary>
public sealed record EvaluationReport(
    DateOnly Month,
    DateTime FromUtc,
    DateTime ToUtc,
    DateTime ProducedAt,
    bool SoFar,
    IReadOnlyList<SchemeEvaluation> Schemes)
{
    /// <summary>The schemes' counts added together, for a manager of several; only when every scheme is shown and there are two or more.</summary>
    public AllSchemesTotals? Totals { get; init; }
}

/// <summary>
/// Counts that add up across schemes, summed from each scheme's section as shown (medians, means and rates do not add
/// up, so they are not here): the funnel, the waiting list and matches running at the month's end, concerns, year to date.
/// </summary>
public sealed record AllSchemesTotals(
    int Schemes, int Received, int Urgent, int Assessed, int MatchesStarted, int Closed, int WaitingForAssessment, int WaitingForMatch, int RunningMatches,
    int SafeguardingConcerns, YearToDate YearToDate)
{
    /// <summary>The schemes' since-launch totals added up, from the earliest first referral; null if any scheme's month lacks them.</summary>
    public SinceLaunch? SinceLaunch { get; init; }

    public static AllSchemesTotals Of(IReadOnlyList<SchemeEvaluation> sections) => new(
        sections.Count,
        sections.Sum(s => s.Funnel.Received),
        sections.Sum(s => s.Funnel.Urgent),
        sections.Sum(s => s.Funnel.Assessed),
        sections.Sum(s => s.Funnel.MatchesStarted),
        sections.Sum(s => s.Funnel.Closed),
        sections.Sum(s => s.Waiting.ForAssessment),
        sections.Sum(s => s.Waiting.ForMatch),
        sections.Sum(s => s.CheckIns.RunningMatches),
        sections.Sum(s => s.SafeguardingConcerns),
        new YearToDate(
            sections[0].YearToDate.From,
            sections.Sum(s => s.YearToDate.Received),
            sections.Sum(s => s.YearToDate.Assessed),
            sections.Sum(s => s.YearToDate.MatchesStarted),
            sections.Sum(s => s.YearToDate.Closed)))
    {
        // Only when every scheme's section has them: a month stored before they were reported would undercount.
        SinceLaunch = sections.All(s => s.SinceLaunch is not null)
            ? new SinceLaunch(
                sections.Min(s => s.SinceLaunch!.From),
                sections.Sum(s => s.SinceLaunch!.Received),
                sections.Sum(s => s.SinceLaunch!.Assessed),
                sections.Sum(s => s.SinceLaunch!.MatchesStarted),
                sections.Sum(s => s.SinceLaunch!.Closed),
                sections.Sum(s => s.SinceLaunch!.SafeguardingConcerns))
            : null,
    };
}

public sealed record SchemeEvaluation(
    string SchemeId,
    string SchemeName,
    FunnelFigures Funnel,
    AssessmentTimes Assessment,
    MatchTimes Matching,
    BreakdownFigures Breakdowns,
    CheckInFigures CheckIns,
    IReadOnlyList<FeedbackFigures> Feedback,
    int SafeguardingConcerns,
    MentorCapacity Mentors,
    IReadOnlyList<TrendMonth> Trend,
    ReferralSources Sources,
    WaitingList Waiting,
    YearToDate YearToDate,
    MentorLoad MentorLoad,
    MentorMonth MentorMonth)
{
    /// <summary>When a month that has ended was generated and stored; null for the month so far, computed on each view.</summary>
    public ReportGeneration? Generated { get; init; }

    /// <summary>
    /// Closure feedback comments given in the month by people who agreed to be quoted without their name, read from
    /// the records at each view and never stored with the figures (an erased or retained referral's words go with it);
    /// null where not read (the monthly email's attachment carries figures only).
    /// </summary>
    public IReadOnlyList<ReportQuote>? Quotes { get; init; }

    /// <summary>Totals since the scheme's first referral; null in a month stored before they were reported.</summary>
    public SinceLaunch? SinceLaunch { get; init; }

    /// <summary>The month's referrals by their equality monitoring answers, where the scheme asks them; null otherwise.</summary>
    public EqualitiesFigures? Equalities { get; init; }

    /// <summary>Referrals received in the month by postcode area and district; null in a month stored before it was reported.</summary>
    public ReferralGeography? Geography { get; init; }

    /// <summary>Distance travelled on the scheme's outcome scale; null when the scheme asks none (or the month was stored before they were reported).</summary>
    public OutcomeFigures? Outcomes { get; init; }
}

/// <summary>
/// The scheme's outcome scale, for mentees whose closing answers came in the month and, beside it, in the year to date:
/// per statement, how many answered it both at the start and at closure, and for those only, the mean score then and
/// now and the change. Means are left out below <see cref="Evaluation.OutcomeMinimumPairs"/> pairs, so no one's own
/// answers can be read from them.
/// </summary>
public sealed record OutcomeFigures(int StartedInMonth, int ClosedInMonth, IReadOnlyList<OutcomeChange> Month, IReadOnlyList<OutcomeChange> YearToDate);

/// <summary>What a mentee or mentor wrote in their closure feedback, with their consent to be quoted; no name, no reference.</summary>
public sealed record ReportQuote(string From, DateTime At, string Text);

/// <summary>One statement: pairs of answers (start and close), the means of each side, and the change (close minus start).</summary>
public sealed record OutcomeChange(string StatementId, string Statement, int Pairs, double? MeanAtStart, double? MeanAtClose, double? Change);

/// <summary>When a stored report was generated, and, when a manager regenerated it, when it was first generated.</summary>
public sealed record ReportGeneration(DateTime GeneratedAt, DateTime? FirstGeneratedAt);

/// <summary>Referrals received in the month by who made them: the person themselves, or a professional for them.</summary>
public sealed record ReferralSources(int Self, int Professional)
{
    /// <summary>
    /// The professionals' referrals by the referrer's sector (<see cref="ReferrerSector"/> codes), every sector listed,
    /// then <c>not-recorded</c> for those made before the form asked; they add up to <see cref="Professional"/>. Null
    /// in a month stored before sectors were reported.
    /// </summary>
    public IReadOnlyList<Tally>? Sectors { get; init; }

    public const string NotRecorded = "not-recorded";
}

/// <summary>
/// Referrals received in the month by where the person lives: postcode areas (the letters, "EX") with every referral
/// counted, each with its districts ("EX4"); a district with fewer than <see cref="Evaluation.SmallNumber"/> has no
/// count (null), so no one can be picked out, and counts only in its area's total. <paramref name="NotGiven"/>: no district known.
/// </summary>
public sealed record ReferralGeography(IReadOnlyList<PostcodeAreaCount> Areas, int NotGiven);

public sealed record PostcodeAreaCount(string Area, int Count, IReadOnlyList<PostcodeDistrictCount> Districts);

/// <summary>
/// Referrals received in the month by each equality monitoring answer of their mentee, every answer listed, then
/// <c>not-answered</c> (left out, or the person's details since erased). Counts of 1 to 4 (below
/// <see cref="Evaluation.SmallNumber"/>) are null: shown as "fewer than 5"; none is 0.
/// </summary>
public sealed record EqualitiesFigures(IReadOnlyList<EqualityCount> AgeBands, IReadOnlyList<EqualityCount> Genders, IReadOnlyList<EqualityCount> EthnicGroups, IReadOnlyList<EqualityCount> Disabilities)
{
    public const string NotAnswered = "not-answered";
}

/// <summary>An answer's code and how many gave it; null for 1 to 4 (fewer than <see cref="Evaluation.SmallNumber"/>), 0 for none.</summary>
public sealed record EqualityCount(string Code, int? Count);

/// <summary>A district and its referrals; <paramref name="Count"/> is null for fewer than <see cref="Evaluation.SmallNumber"/>.</summary>
public sealed record PostcodeDistrictCount(string District, int? Count);

/// <summary>
/// Referrals waiting at the month's end (or now, for the month so far): received, not closed, not deferred, not
/// assessed unsuitable or withdrawn, and with no match running; by what they wait for and how long since they arrived.
/// </summary>
public sealed record WaitingList(DateTime AsOf, bool MonthEnded, int ForAssessment, int ForMatch, IReadOnlyList<WaitBand> Bands);

/// <summary>The twelve months' figures summed from the start of the financial year (1 April) to the month's end.</summary>
public sealed record YearToDate(DateOnly From, int Received, int Assessed, int MatchesStarted, int Closed);

/// <summary>
/// Each month's figures added up from the month of the scheme's first referral (<paramref name="From"/>) to the
/// report's: the months before as their stored reports have them, the report's own as it shows them.
/// </summary>
public sealed record SinceLaunch(DateOnly From, int Received, int Assessed, int MatchesStarted, int Closed, int SafeguardingConcerns);

/// <summary>Mentors' places taken at the month's end (or now): matches running, and proposals awaiting an answer.</summary>
public sealed record MentorLoad(DateTime AsOf, int PlacesInUse, int MentorsInUse);

/// <summary>
/// One month of the twelve ending with the report's, counted as the funnel counts its month (the last is the funnel's
/// own figures): referrals received, assessed, matches started and referrals closed.
/// </summary>
public sealed record TrendMonth(DateOnly Month, int Received, int Assessed, int MatchesStarted, int Closed);

/// <summary>How many waited more than <paramref name="OverDays"/> and at most <paramref name="UpToDays"/> (no limit when null).</summary>
public sealed record WaitBand(int OverDays, int? UpToDays, int Count);

/// <summary>How many of something there were for one reason code.</summary>
public sealed record Tally(string Code, int Count);

public sealed record FunnelFigures(
    int Received,
    int Urgent,
    int Assessed,
    IReadOnlyDictionary<AssessmentOutcome, int> Outcomes,
    int MatchesStarted,
    int Closed,
    IReadOnlyList<Tally> ClosureReasons);

/// <summary>Days from receipt to assessment for referrals assessed in the month; null figures when none were.</summary>
public sealed record AssessmentTimes(int Count, double? MedianDays, double? LongestDays, int WithinDeadline, int WithDeadline, IReadOnlyList<WaitBand> Bands);

/// <summary>Days from assessment to the mentor accepting, for matches started in the month.</summary>
public sealed record MatchTimes(int Count, double? MedianDays);

public sealed record BreakdownFigures(int Count, IReadOnlyList<Tally> Reasons);

/// <summary>
/// Check-ins logged in the month, and whether the matches running at its end (or now, for the month so far) were
/// up to date: a check-in, or the match itself, no longer ago than the scheme's cadence plus its grace period.
/// </summary>
public sealed record CheckInFigures(
    int Logged,
    IReadOnlyDictionary<RagStatus, int> ByRag,
    int Met,
    DateTime AsOf,
    bool MonthEnded,
    int RunningMatches,
    int UpToDate,
    int CadenceDays,
    int GraceDays);

/// <summary>Closure feedback from mentees or mentors: how many, and the average helpfulness out of 5.</summary>
public sealed record FeedbackFigures(string From, int Count, double? AverageHelpfulness);

/// <summary>
/// Mentors at the month's end (or now) from their recorded changes (<see cref="MentorChange"/>): active mentors and
/// their places then; mentors added and made inactive in the month; supervision and training logged for the month.
/// </summary>
public sealed record MentorMonth(DateTime AsOf, int ActiveMentors, int Places, int Joined, int Left, int Supervisions, int Trainings);

/// <summary>Mentors as they are now: capacity is not kept month by month.</summary>
public sealed record MentorCapacity(int ActiveMentors, int Places, int PlacesInUse, int AtCapacity, int DbsExpired, int DbsExpiringSoon);
