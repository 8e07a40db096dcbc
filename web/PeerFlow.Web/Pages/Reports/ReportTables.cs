using PeerFlow.Domain.Records;
using PeerFlow.Domain.Schemes;
using PeerFlow.Web.Actions;

namespace PeerFlow.Web.Pages.Reports;

/// <summary>
/// One table of a scheme's monthly figures, as the page shows it and the CSV and Excel exports carry it: the page and
/// the files are drawn from these, so their figures cannot differ.
/// </summary>
/// <param name="Group">The heading the table sits under on the page.</param>
/// <param name="Sheet">A short name for the table's Excel sheet (31 characters at most).</param>
/// <param name="Columns">The row heading's title, then each value column's.</param>
/// <param name="Intro">Said before the table; <paramref name="Hint"/> after it.</param>
/// <param name="Empty">Said instead of the table when it has no rows.</param>
/// <param name="Chart">Drawn beside the table from the table's own rows, so the two cannot disagree; null for none.</param>
public sealed record ReportTable(
    string Group, string Caption, string Sheet, IReadOnlyList<string> Columns, IReadOnlyList<ReportRow> Rows,
    string? Intro = null, string? Hint = null, string? Empty = null, ReportChart? Chart = null)
{
    /// <summary>Its values are words (quotes), not figures: the page sets them as text, not as numbers.</summary>
    public bool Words { get; init; }
}

public enum ChartKind
{
    /// <summary>Upright bars along the rows, a group for each row (months, oldest first).</summary>
    Columns,

    /// <summary>Level bars, one under another, each labelled with its row and its number.</summary>
    Bars,
}

/// <summary>How a table is drawn as a chart.</summary>
/// <param name="Summary">What the chart shows, for its text alternative and its caption.</param>
/// <param name="Series">The value columns drawn (0 is the first value column), each told apart by its pattern as well as its shade.</param>
/// <param name="Rows">The rows drawn, by index; null for every row.</param>
public sealed record ReportChart(ChartKind Kind, string Summary, IReadOnlyList<int> Series, IReadOnlyList<int>? Rows = null);

/// <summary>A row: its label and its values as the page prints them ("19.5", "1 of 3", "—" for nothing measured).</summary>
public sealed record ReportRow(string Label, IReadOnlyList<string> Values)
{
    public ReportRow(string label, object value)
        : this(label, [Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""])
    {
    }
}

public static class ReportTables
{
    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The id the all-schemes section and its lines in the files go by.</summary>
    public const string AllSchemesId = "all";

    public const string AllSchemesName = "All schemes together";

    /// <summary>The schemes' counts added together: the first section of the page for every scheme.</summary>
    public static IReadOnlyList<ReportTable> Totals(AllSchemesTotals t, DateOnly month, bool monthEnded)
    {
        var when = monthEnded ? "at the end of the month" : "now";
        string[] number = ["What happened", "Number"];
        return
        [
            new("All schemes", $"All {t.Schemes} schemes: the month", "All schemes", number,
            [
                new("Referrals received", t.Received),
                new("Urgent referrals received", t.Urgent),
                new("Referrals assessed", t.Assessed),
                new("Matches started (mentor accepted)", t.MatchesStarted),
                new("Referrals closed", t.Closed),
                new("Safeguarding concerns raised", t.SafeguardingConcerns),
                new($"Waiting for assessment {when}", t.WaitingForAssessment),
                new($"Assessed, waiting for a match {when}", t.WaitingForMatch),
                new($"Matches running {when}", t.RunningMatches),
            ],
            Intro: "Each scheme's figures below, added together. Medians, averages and rates do not add up across schemes, so they are in each scheme's own section only."),
            new("All schemes", $"All {t.Schemes} schemes, year to date: {ReportText.MonthRange(t.YearToDate.From, month)}", "All schemes YTD", number,
            [
                new("Referrals received", t.YearToDate.Received),
                new("Referrals assessed", t.YearToDate.Assessed),
                new("Matches started (mentor accepted)", t.YearToDate.MatchesStarted),
                new("Referrals closed", t.YearToDate.Closed),
            ]),
            .. SinceLaunchTables(t.SinceLaunch, month, "All schemes", $"All {t.Schemes} schemes, since launch", "All schemes since launch"),
        ];
    }

    public static IReadOnlyList<ReportTable> For(SchemeEvaluation s, Scheme? scheme) => [.. Figures(s, scheme), .. Quotes(s), .. Outcomes(s)];

    /// <summary>Consented feedback comments, where they were read; numbered per side, in the order they were given.</summary>
    private static IEnumerable<ReportTable> Quotes(SchemeEvaluation s)
    {
        if (s.Quotes is not { } quotes)
        {
            yield break;
        }

        yield return new ReportTable("In their own words", "Feedback people agreed we may quote", "Quotes", ["From", "What they wrote"],
            [.. quotes.GroupBy(q => q.From).OrderBy(g => g.Key == "mentee" ? 0 : 1).SelectMany(g => g.Select((q, i) => new ReportRow($"{ReportText.QuoteFrom(q.From)} ({i + 1})", [q.Text])))],
            Intro: "Closure feedback comments given this month by mentees and mentors who ticked \"you may quote what I wrote, without my name\". Other comments are never shown. Read before sharing: a quote may name someone else.",
            Empty: "Nobody whose feedback came this month agreed to be quoted.")
        {
            Words = true,
        };
    }

    private static readonly string[] OutcomeColumns = ["Statement", "Answered at start and close", "Mean at start (1 to 5)", "Mean at close (1 to 5)", "Change"];

    /// <summary>The outcome scale's tables, for a scheme that asks one; none otherwise.</summary>
    private static IEnumerable<ReportTable> Outcomes(SchemeEvaluation s)
    {
        if (s.Outcomes is not { } o)
        {
            yield break;
        }

        const string Group = "Outcomes";
        yield return new(Group, "Outcome questions answered", "Outcome answers", ["Answered this month", "Mentees"],
        [
            new("At the start of their match", o.StartedInMonth),
            new("At closure", o.ClosedInMonth),
        ],
        Intro: $"Mentees score each of the scheme's statements from 1 (not at all) to 5 (very much) as their match starts and again at closure. Only figures for everyone together are shown; means only where at least {Evaluation.OutcomeMinimumPairs} people answered a statement both times.");
        yield return new(Group, "Distance travelled: closing answers this month", "Distance travelled", OutcomeColumns, [.. o.Month.Select(Row)],
            Hint: "Mentees whose closing answers came this month, paired with their own answers at the start; only those who answered a statement both times count for it. The change is the mean at close minus the mean at start: above 0, people felt it more true at the end.");
        yield return new(Group, $"Distance travelled: year to date, {ReportText.MonthRange(s.YearToDate.From, s.Trend[^1].Month)}", "Distance travelled YTD", OutcomeColumns, [.. o.YearToDate.Select(Row)],
            Hint: "As above, for closing answers from the start of the financial year (1 April) to the end of this month.");

        static ReportRow Row(OutcomeChange c) => new(c.Statement,
        [
            Number(c.Pairs), ReportText.OneDecimal(c.MeanAtStart), ReportText.OneDecimal(c.MeanAtClose), ReportText.Change(c.Change),
        ]);
    }

    /// <summary>Self-referrals, then professionals' by their sector; a month stored before sectors were asked shows professionals together.</summary>
    private static ReportTable Sources(ReferralSources sources) => sources.Sectors is { } sectors
        ? new("Referrals and assessment", "Referral sources", "Referral sources", ["Referred by", "Referrals received"],
            [
                new("The person themselves", sources.Self),
                .. sectors.Select(t => new ReportRow(ReportText.Sector(t.Code), t.Count)),
            ],
            Hint: "A professional referring someone says which kind of service they work in. Referrals made before the form asked count as \"sector not recorded\".")
        : new("Referrals and assessment", "Referral sources", "Referral sources", ["Referred by", "Referrals received"],
            [
                new("The person themselves", sources.Self),
                new("A professional", sources.Professional),
            ],
            Hint: "This month's report was generated before the form asked professionals which kind of service they work in; regenerate it to see them by sector.");

    /// <summary>Totals from the month of the first referral to this one; none for a month stored before they were reported.</summary>
    private static IEnumerable<ReportTable> SinceLaunchTables(SinceLaunch? totals, DateOnly month, string group, string caption = "Since launch", string sheet = "Since launch")
    {
        if (totals is null)
        {
            yield break;
        }

        yield return new(group, $"{caption}: {ReportText.MonthRange(totals.From, month)}", sheet, ["What happened", "Number"],
        [
            new("Referrals received", totals.Received),
            new("Referrals assessed", totals.Assessed),
            new("Matches started (mentor accepted)", totals.MatchesStarted),
            new("Referrals closed", totals.Closed),
            new("Safeguarding concerns raised", totals.SafeguardingConcerns),
        ],
        Hint: "From the month of the scheme's first referral to the end of this one: the months before as their stored reports have them, this month as above.");
    }

    /// <summary>A table per equality monitoring question, for a scheme that asks them; every count under five hidden.</summary>
    private static IEnumerable<ReportTable> EqualitiesTables(EqualitiesFigures? figures)
    {
        if (figures is null)
        {
            yield break;
        }

        const string Group = "Who was referred";
        var hint = $"The optional equality monitoring answers of the people referred this month. An answer given by 1 to {Evaluation.SmallNumber - 1} people is \"{NotShown}\", so no one can be picked out; where it would be the only one, the next smallest is not shown either, so it cannot be worked out from the total. \"Not answered\" includes people who left the question out.";
        yield return Table("Age band", "Age", figures.AgeBands, c => Equalities.Label(Enum.Parse<AgeBand>(c)), hint);
        yield return Table("Gender", "Gender", figures.Genders, c => Equalities.Label(Enum.Parse<Gender>(c)), null);
        yield return Table("Ethnic group", "Ethnic group", figures.EthnicGroups, c => Equalities.Label(Enum.Parse<EthnicGroup>(c)), "The five high-level groups of the census question (ONS).");
        yield return Table("Disability", "Disability", figures.Disabilities, c => Equalities.Label(Enum.Parse<Disability>(c)), "Whether the person considers themselves disabled.");

        static ReportTable Table(string caption, string sheet, IReadOnlyList<EqualityCount> counts, Func<string, string> label, string? hint) =>
            new(Group, $"Referrals received by {caption.ToLowerInvariant()}", sheet, [caption, "Referrals received"],
                [.. counts.Select(c => new ReportRow(c.Code == EqualitiesFigures.NotAnswered ? "Not answered" : label(c.Code), c.Count is { } n ? Number(n) : NotShown))],
                Hint: hint);
    }

    /// <summary>What stands for a count hidden by <see cref="SmallNumbers"/>: one below five, or the one hidden with it.</summary>
    public const string NotShown = "not shown";

    /// <summary>Each area with its total, then its districts; none for a month stored before geography was reported.</summary>
    private static IEnumerable<ReportTable> Geography(ReferralGeography? geography)
    {
        if (geography is null)
        {
            yield break;
        }

        yield return new("Referrals and assessment", "Where referrals came from", "Where from", ["Postcode area or district", "Referrals received"],
        [
            .. geography.Areas.SelectMany(a => (IEnumerable<ReportRow>)
            [
                new($"{a.Area} area, all districts", a.Count),
                .. a.Districts.Select(d => new ReportRow($"{a.Area} area: {d.District}", d.Count is { } count ? Number(count) : NotShown)),
            ]),
            new("No postcode given", geography.NotGiven),
        ],
        Hint: $"By the first half of the postcode the person gave (or the coordinator recorded at assessment). A district with fewer than {Evaluation.SmallNumber} referrals this month is \"{NotShown}\" and counts only in its area's total, so no one can be picked out; where it would be its area's only one, the next smallest district is not shown either.");
    }

    private static IReadOnlyList<ReportTable> Figures(SchemeEvaluation s, Scheme? scheme)
    {
        var f = s.Funnel;
        var c = s.CheckIns;
        var m = s.Mentors;
        var when = c.MonthEnded ? "at the end of the month" : "now";
        const string Referrals = "Referrals and assessment";
        string[] number = ["What happened", "Number"];
        return
        [
            new(Referrals, "Referrals, matches and closures", "Referrals", number,
            [
                new("Referrals received", f.Received),
                new("Urgent referrals received", f.Urgent),
                new("Referrals assessed", f.Assessed),
                new("Matches started (mentor accepted)", f.MatchesStarted),
                new("Referrals closed", f.Closed),
            ],
            Intro: "Each figure counts what happened during the month, by the date it happened: a referral received last month and assessed this month counts as assessed here.",
            Chart: new(ChartKind.Bars, "The month's funnel: referrals received, assessed, matches started and referrals closed.", [0], [0, 2, 3, 4])),
            new(Referrals, "Referrals and matches over twelve months", "Twelve months", ["Month", "Received", "Assessed", "Matches started", "Closed"],
                [.. s.Trend.Select(t => new ReportRow(ReportText.ShortMonth(t.Month), [Number(t.Received), Number(t.Assessed), Number(t.MatchesStarted), Number(t.Closed)]))],
                Hint: "The twelve months to this one, each counted as this month's figures are.",
                Chart: new(ChartKind.Columns, "Referrals received and matches started in each of the twelve months to this one.", [0, 2])),
            Sources(s.Sources),
            .. Geography(s.Geography),
            new(Referrals, "Assessment outcomes", "Assessment outcomes", ["Outcome", "Number"],
                [.. f.Outcomes.Select(o => new ReportRow(ReportText.Outcome(o.Key), o.Value))]),
            new(Referrals, "Time to assessment", "Time to assessment", ["Referrals assessed this month", "Figure"],
            [
                new("Referrals assessed", s.Assessment.Count),
                new("Median days from referral to assessment", ReportText.OneDecimal(s.Assessment.MedianDays)),
                new("Longest days from referral to assessment", ReportText.OneDecimal(s.Assessment.LongestDays)),
                new("Assessed by their deadline", $"{s.Assessment.WithinDeadline} of {s.Assessment.WithDeadline}"),
            ],
            Hint: "Calendar days, to one decimal place, from the referral arriving to the assessment being recorded. The deadline is the scheme's, in working days, set when the referral arrived."),
            new(Referrals, "Waits for assessment", "Waits for assessment", ["Days from referral to assessment", "Referrals assessed"],
                [.. s.Assessment.Bands.Select(b => new ReportRow(ReportText.Band(b), b.Count))],
                Hint: "Referrals assessed this month, by how many calendar days they waited.",
                Chart: new(ChartKind.Bars, "Referrals assessed this month by how long they waited for assessment.", [0])),
            new(Referrals, "Closures by reason", "Closures by reason", ["Reason", "Number"],
                [.. f.ClosureReasons.Select(t => new ReportRow(ReportText.ClosureReason(t.Code, scheme), t.Count))],
                Empty: "No referrals were closed this month."),
            .. EqualitiesTables(s.Equalities),
            new("Waiting list", $"Waiting list {when}", "Waiting list", ["Waiting", "Referrals"],
            [
                new("Waiting for assessment", s.Waiting.ForAssessment),
                new("Assessed, waiting for a match", s.Waiting.ForMatch),
                new("Waiting in all", s.Waiting.ForAssessment + s.Waiting.ForMatch),
            ],
            Hint: $"Referrals received by then and not closed, without a match running {when}: not yet assessed, or assessed as suitable (including families waiting again after a breakdown). Deferred referrals are not waiting."),
            new("Waiting list", $"Time on the waiting list {when}", "Time waiting", ["Since the referral arrived", "Referrals waiting"],
                [.. s.Waiting.Bands.Select(b => new ReportRow(ReportText.WeeksBand(b), b.Count))],
                Chart: new(ChartKind.Bars, $"Referrals waiting {when} by how long since they arrived.", [0])),
            new("Matching", "Time to match", "Time to match", ["Matches started this month", "Figure"],
            [
                new("Matches started", s.Matching.Count),
                new("Median days from assessment to match", ReportText.OneDecimal(s.Matching.MedianDays)),
            ],
            Hint: "Calendar days from the assessment to the mentor accepting the match. A family matched again after a breakdown is counted from their assessment."),
            new("Matching", "Breakdowns", "Breakdowns", ["Matches that broke down this month", "Number"],
            [
                new("Matches that broke down", s.Breakdowns.Count),
                .. s.Breakdowns.Reasons.Select(t => new ReportRow("Reason: " + ReportText.BreakdownReason(t.Code, scheme), t.Count)),
            ]),
            new("Check-ins", "Check-ins logged", "Check-ins logged", ["Check-ins this month", "Number"],
            [
                new("Check-ins logged", c.Logged),
                new("Green: going well", c.ByRag[RagStatus.Green]),
                new("Amber: some worries", c.ByRag[RagStatus.Amber]),
                new("Red: serious problems", c.ByRag[RagStatus.Red]),
                new("Said they had met since the last check-in", c.Met),
            ]),
            new("Check-ins", $"Check-ins up to date {when}", "Check-ins up to date", ["Matches running", "Number"],
            [
                new("Matches running", c.RunningMatches),
                new("Up to date with check-ins", c.UpToDate),
                new("Overdue for a check-in", c.RunningMatches - c.UpToDate),
            ],
            Hint: $"A match is running {when} if the mentor had accepted it by then and it had not ended. It is up to date if its last check-in before then, or its start if it has had none, was no longer ago than the scheme's check-in interval plus its grace period (currently {c.CadenceDays} days plus {c.GraceDays}; a referral keeps the policy it started with)."),
            new("Feedback and safeguarding", "Closure feedback received", "Feedback", ["From", "Responses", "Average helpfulness (1 to 5)"],
                [.. s.Feedback.Select(fb => new ReportRow(ReportText.FeedbackFrom(fb.From), [fb.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), ReportText.OneDecimal(fb.AverageHelpfulness)]))],
                Hint: "Helpfulness answers \"did peer support help?\", from 1 (not at all) to 5 (very much). Comments are shown only where the person agreed to be quoted (\"In their own words\")."),
            new("Feedback and safeguarding", "Safeguarding", "Safeguarding", ["Safeguarding this month", "Number"],
                [new("Safeguarding concerns raised", s.SafeguardingConcerns)]),
            new("Year to date", $"Year to date: {ReportText.MonthRange(s.YearToDate.From, s.Trend[^1].Month)}", "Year to date", ["What happened", "Number"],
            [
                new("Referrals received", s.YearToDate.Received),
                new("Referrals assessed", s.YearToDate.Assessed),
                new("Matches started (mentor accepted)", s.YearToDate.MatchesStarted),
                new("Referrals closed", s.YearToDate.Closed),
            ],
            Hint: "From the start of the financial year (1 April) to the end of this month, each month counted as this one is."),
            .. SinceLaunchTables(s.SinceLaunch, s.Trend[^1].Month, "Year to date"),
            new("Mentors", $"Mentors' places taken {when}", "Places taken", ["Places", "Number"],
            [
                new("Places in use (matches running or proposed)", s.MentorLoad.PlacesInUse),
                new("Mentors with a match running or proposed", s.MentorLoad.MentorsInUse),
            ],
            Hint: "From the matches: a match running, or a proposal made and not yet answered, holds a place."),
            new("Mentors", $"Mentors and places {when}", "Mentors in the month", ["Mentors", "Number"],
            [
                new($"Active mentors {when}", s.MentorMonth.ActiveMentors),
                new($"Places (total capacity) {when}", s.MentorMonth.Places),
                new("Mentors who joined in the month", s.MentorMonth.Joined),
                new("Mentors who left (made inactive) in the month", s.MentorMonth.Left),
                new("Supervision sessions logged for the month", s.MentorMonth.Supervisions),
                new("Training sessions logged for the month", s.MentorMonth.Trainings),
            ],
            Hint: "From each mentor's recorded changes (added, capacity or active changed) and their supervision and training log; a mentor never changed since changes were recorded counts as they are now."),
            new("Mentors", "Mentor capacity as it stands now", "Mentor capacity now", ["Active mentors", "Number"],
            [
                new("Active mentors", m.ActiveMentors),
                new("Places (total capacity)", m.Places),
                new("Places in use", m.PlacesInUse),
                new("Mentors at capacity", m.AtCapacity),
                new("DBS checks expired or not recorded", m.DbsExpired),
                new($"DBS checks expiring within {Caseload.DbsWarningDays} days", m.DbsExpiringSoon),
            ],
            Hint: "Today's picture, or for a month that has ended, the picture when its report was generated: DBS checks and places in use are kept only as they are now. Mentors and places at the month's end are in the table above. Proposed matches waiting for an answer hold a place too."),
        ];
    }
}
