using System.Globalization;
using System.Text.Json;
using PeerFlow.Domain.Calendar;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;
using PeerFlow.Web.Api;

namespace PeerFlow.Web.Actions;

/// <summary>
/// The monthly evaluation report: what happened in a calendar month in Europe/London, per scheme, read from the
/// records (not from the workflows, whose histories are purged).
/// </summary>
public sealed class Evaluation(ApiServices services, SignIn.SchemeAccess access)
{

    /// <summary>Calendar days: a week, two, three, and longer. Every band is always shown, empty or not.</summary>
    public static readonly IReadOnlyList<(int Over, int? UpTo)> WaitBands = [(0, 7), (7, 14), (14, 21), (21, null)];

    /// <summary>Weeks on the waiting list: four, eight, twelve, and longer.</summary>
    public static readonly IReadOnlyList<(int Over, int? UpTo)> WaitingBands = [(0, 28), (28, 56), (56, 84), (84, null)];

    /// <summary>The first month of the UK financial year, from which year-to-date totals run.</summary>
    public const int FinancialYearStartMonth = 4;

    /// <summary>The trend's length, the report's month included.</summary>
    public const int TrendMonths = 12;

    /// <summary>Fewer pairs of outcome answers than this show no means: one or two people's scores could be read from them.</summary>
    public const int OutcomeMinimumPairs = 3;

    /// <summary>Counts of people below this are not shown on their own ("fewer than 5"): the few could be recognised.</summary>
    public const int SmallNumber = SmallNumbers.Threshold;

    /// <summary>Both always shown, so a side that gave no feedback reads as none rather than disappearing.</summary>
    private static readonly string[] FeedbackFrom = ["mentee", "mentor"];

    /// <summary>The London calendar month, as its first day, that a UTC instant falls in.</summary>
    public static DateOnly MonthOf(DateTime utc) => ReportMonths.MonthOf(utc);

    /// <summary>London midnight at the start of the month and of the next, in UTC: [From, To).</summary>
    public static (DateTime FromUtc, DateTime ToUtc) Bounds(DateOnly month) => (StartUtc(month), StartUtc(month.AddMonths(1)));

    /// <summary>"2026-10" as the month's first day; false for anything else, including "2026-13".</summary>
    public static bool TryParseMonth(string? text, out DateOnly month)
    {
        // From 1900: earlier London midnights (local mean time) fall before DateTime's range in UTC, and hold no records.
        if (text is { Length: 7 } && DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out month) && month.Year >= 1900)
        {
            return true;
        }

        month = default;
        return false;
    }

    public static string Key(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>"October 2026"; the app runs with invariant globalization, whose month names are English.</summary>
    public static string Label(DateOnly month) => month.ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>
    /// The month's report for one scheme or all; null for a month that has not begun. A month that has ended is
    /// generated once per scheme, stored, and shown from storage after that (<see cref="StoredReport"/>); the month so
    /// far is computed on every view. <paramref name="regenerate"/> (a manager's action) computes an ended month again
    /// and stores it over the old, keeping when it was first generated.
    /// </summary>
    /// <param name="quotes">Whether to read consented feedback quotes (pages, files, API); the monthly email carries figures only.</param>
    public async Task<EvaluationReport?> ReportAsync(DateOnly month, string? schemeId, CancellationToken cancellationToken, bool regenerate = false, bool quotes = true)
    {
        var now = services.Now;
        if (month > MonthOf(now))
        {
            return null;
        }

        var (from, to) = Bounds(month);
        var schemes = (await access.SchemesAsync(cancellationToken)).Where(s => schemeId is null || s.Id == schemeId).ToList();
        var sections = new List<SchemeEvaluation>();
        foreach (var scheme in schemes)
        {
            var section = now < to
                ? await ComputeAsync(scheme, month, now, cancellationToken)
                : await StoredAsync(scheme, month, now, regenerate, cancellationToken);
            sections.Add(quotes ? section with { Quotes = await QuotesAsync(scheme.Id, month, cancellationToken) } : section);
        }

        return new EvaluationReport(month, from, to, now, now < to, sections)
        {
            Totals = schemeId is null && sections.Count > 1 ? AllSchemesTotals.Of(sections) : null,
        };
    }

    private async Task<SchemeEvaluation> ComputeAsync(Scheme scheme, DateOnly month, DateTime now, CancellationToken cancellationToken)
    {
        var (from, to) = Bounds(month);
        var records = await MonthRecords.LoadAsync(services.Store, scheme.Id, month, to, cancellationToken);
        var section = await SchemeAsync(scheme, new Period(from, to), now, records, cancellationToken);
        if (scheme.Equalities)
        {
            section = section with { Equalities = await EqualitiesAsync(records.Referrals.Where(r => new Period(from, to).Contains(r.ReceivedAt)), cancellationToken) };
        }

        return section with { SinceLaunch = await SinceLaunchAsync(scheme, month, section, records, cancellationToken) };
    }

    /// <summary>
    /// This month's figures added to every earlier month's since the scheme's first referral. Last month's stored report
    /// holds its own totals since launch, so usually they are read from it and this month's added (one row, whatever
    /// the number of referrals). Otherwise (the first report after an upgrade, or last month never generated) each
    /// earlier month counts as its stored report has it, or, never generated, from the records: a month of the
    /// report's twelve from what the report already read, an older one from its own partition of
    /// <see cref="ReportMonths"/> (which holds every referral with anything in that month). Nothing is generated or stored here.
    /// </summary>
    private async Task<SinceLaunch> SinceLaunchAsync(Scheme scheme, DateOnly month, SchemeEvaluation section, MonthRecords records, CancellationToken cancellationToken)
    {
        var own = MonthCounts.Of(section);
        if (await services.Store.StoredReports.GetAsync(scheme.Id, Key(month.AddMonths(-1)), cancellationToken) is { } last
            && Restore(last.Value).SinceLaunch is { } before)
        {
            return new MonthCounts(before.Received, before.Assessed, before.MatchesStarted, before.Closed, before.SafeguardingConcerns).Plus(own).From(before.From);
        }

        var stored = (await services.Store.StoredReports.PartitionAsync(scheme.Id, cancellationToken))
            .Where(r => TryParseMonth(r.RowKey, out var m) && m < month)
            .ToDictionary(r => r.RowKey, r => Restore(r.Value), StringComparer.Ordinal);

        var first = await FirstMonthAsync(scheme.Id, cancellationToken);
        if (records.Retained.Count > 0 && MonthOf(records.Retained.Min(r => r.Referral.ReceivedAt)) is var retained && (first is null || retained < first))
        {
            first = retained;
        }

        var from = first is { } f && f < month ? f : month;
        var window = month.AddMonths(1 - TrendMonths);
        var retainedIds = records.Retained.Select(r => r.Referral.Id).ToHashSet(StringComparer.Ordinal);
        var total = own;
        for (var m = from; m < month; m = m.AddMonths(1))
        {
            var (start, end) = Bounds(m);
            var period = new Period(start, end);
            if (stored.TryGetValue(Key(m), out var kept))
            {
                total = total.Plus(MonthCounts.Of(kept));
            }
            else if (m >= window)
            {
                total = total.Plus(Count(records.All, period));
            }
            else
            {
                var live = (await services.Store.ReportMonths.Table.PartitionAsync(ReportMonths.Partition(scheme.Id, m), cancellationToken))
                    .GroupBy(r => r.RowKey, StringComparer.Ordinal).Select(g => g.MaxBy(r => r.Value.Version)!.Value.Figures)
                    .Where(x => !retainedIds.Contains(x.Referral.Id));
                total = total.Plus(Count([.. live, .. records.Retained], period));
            }
        }

        return total.From(from);
    }

    /// <summary>What since-launch totals add up, for one month or many.</summary>
    private sealed record MonthCounts(int Received, int Assessed, int MatchesStarted, int Closed, int Concerns)
    {
        public static MonthCounts Of(SchemeEvaluation s) => new(s.Funnel.Received, s.Funnel.Assessed, s.Funnel.MatchesStarted, s.Funnel.Closed, s.SafeguardingConcerns);

        public MonthCounts Plus(MonthCounts o) => new(Received + o.Received, Assessed + o.Assessed, MatchesStarted + o.MatchesStarted, Closed + o.Closed, Concerns + o.Concerns);

        public SinceLaunch From(DateOnly month) => new(month, Received, Assessed, MatchesStarted, Closed, Concerns);
    }

    /// <summary>One month's funnel and concerns counted from referrals' figures, as <see cref="SchemeAsync"/> counts them.</summary>
    private static MonthCounts Count(IReadOnlyList<RetainedReferral> figures, Period month) => new(
        figures.Count(f => month.Contains(f.Referral.ReceivedAt)),
        figures.Count(f => month.Contains(f.Referral.AssessedAt)),
        figures.SelectMany(f => f.Matches).Count(m => Started(m) && month.Contains(m.RespondedAt)),
        figures.Count(f => month.Contains(f.Referral.ClosedAt)),
        figures.SelectMany(f => f.ConcernsRaisedAt).Count(at => month.Contains(at)));

    /// <summary>
    /// The month of the scheme's first referral still on record: its earliest month partition of <see cref="ReportMonths"/>
    /// (a referral is filed from the month it arrived), found by one key-ordered read of a single row; null when none.
    /// </summary>
    private async Task<DateOnly?> FirstMonthAsync(string schemeId, CancellationToken cancellationToken)
    {
        var low = schemeId + "|";
        var high = schemeId + "|~";
        await foreach (var page in services.Store.ReportMonths.Table.QueryPagesAsync($"PartitionKey gt {low} and PartitionKey lt {high}", 1, cancellationToken))
        {
            // The service may answer an empty page with a token; the first row found is the earliest month.
            if (page.Count > 0)
            {
                return TryParseMonth(page[0].PartitionKey[low.Length..], out var month) ? month : null;
            }
        }

        return null;
    }

    /// <summary>
    /// Feedback comments given in the month by those who agreed to be quoted: the month's partition of
    /// <see cref="ReportMonths"/> says whose feedback it was (without its words), and their feedback rows are read by key,
    /// so a comment erased or changed since is shown as it is now, or not at all.
    /// </summary>
    private async Task<IReadOnlyList<ReportQuote>> QuotesAsync(string schemeId, DateOnly month, CancellationToken cancellationToken)
    {
        var (from, to) = Bounds(month);
        var period = new Period(from, to);
        var consented = (await services.Store.ReportMonths.Table.PartitionAsync(ReportMonths.Partition(schemeId, month), cancellationToken))
            .SelectMany(r => r.Value.Figures.Feedback)
            .Where(f => f.QuoteConsent && period.Contains(f.At))
            .ToList();
        var quotes = new List<ReportQuote>();
        foreach (var given in consented)
        {
            if (await services.Store.Feedback.GetAsync(given.ReferralId, given.From, cancellationToken) is { Value: { QuoteConsent: true, Comments: { Length: > 0 } words } feedback }
                && period.Contains(feedback.At))
            {
                quotes.Add(new ReportQuote(feedback.From, feedback.At, words));
            }
        }

        return [.. quotes.OrderBy(q => q.At)];
    }

    /// <summary>An ended month's figures from storage, generated and stored first if they never were (or again, when asked).</summary>
    private async Task<SchemeEvaluation> StoredAsync(Scheme scheme, DateOnly month, DateTime now, bool regenerate, CancellationToken cancellationToken)
    {
        var table = services.Store.StoredReports;
        var key = Key(month);
        var stored = await table.GetAsync(scheme.Id, key, cancellationToken);
        if (stored is not null && !regenerate)
        {
            return Restore(stored.Value);
        }

        var figures = await ComputeAsync(scheme, month, now, cancellationToken);
        var value = new StoredReport(scheme.Id, key, now, stored is null ? null : stored.Value.FirstGeneratedAt ?? stored.Value.GeneratedAt, JsonSerializer.Serialize(figures, StoredJson));
        if (stored is not null)
        {
            await table.UpsertAsync(scheme.Id, key, value, null, cancellationToken);
        }
        else if (!await table.TryInsertAsync(scheme.Id, key, value, null, cancellationToken)
            && await table.GetAsync(scheme.Id, key, cancellationToken) is { } first)
        {
            // Someone else (the monthly run, another view) stored it first: theirs is the month's report.
            return Restore(first.Value);
        }

        return Restore(value);
    }

    private static SchemeEvaluation Restore(StoredReport stored) =>
        JsonSerializer.Deserialize<SchemeEvaluation>(stored.Figures, StoredJson)! with { Generated = new ReportGeneration(stored.GeneratedAt, stored.FirstGeneratedAt) };

    private static readonly JsonSerializerOptions StoredJson = new(JsonSerializerDefaults.Web);

    private async Task<SchemeEvaluation> SchemeAsync(Scheme scheme, Period month, DateTime now, MonthRecords records, CancellationToken cancellationToken)
    {
        var referrals = records.Referrals;
        // Paired with the referral of the partition they are stored in, which is the one they belong to.
        var matches = referrals.SelectMany(r => records.Matches[r.Id], (r, m) => new Paired(r, m)).ToList();
        var started = matches.Where(p => Started(p.Match) && month.Contains(p.Match.RespondedAt)).ToList();

        var received = referrals.Where(r => month.Contains(r.ReceivedAt)).ToList();
        var assessed = referrals.Where(r => month.Contains(r.AssessedAt)).ToList();
        var closed = referrals.Where(r => month.Contains(r.ClosedAt)).ToList();
        var funnel = new FunnelFigures(
            received.Count,
            received.Count(r => r.Urgent),
            assessed.Count,
            Enum.GetValues<AssessmentOutcome>().ToDictionary(o => o, o => assessed.Count(r => r.Outcome == o)),
            started.Count,
            closed.Count,
            Tallies(closed.Select(r => r.ClosureReason)));

        var assessmentDays = assessed.Select(r => Days(r.ReceivedAt, r.AssessedAt!.Value)).ToList();
        var withDeadline = assessed.Where(r => r.AssessmentDueAt is not null).ToList();
        var assessment = new AssessmentTimes(
            assessed.Count,
            Median(assessmentDays),
            assessmentDays.Count == 0 ? null : Math.Round(assessmentDays.Max(), 1),
            withDeadline.Count(r => r.AssessedAt <= r.AssessmentDueAt),
            withDeadline.Count,
            Bands(assessmentDays, WaitBands));

        var matchDays = started
            .Select(p => p.Referral.AssessedAt is { } assessedAt ? Days(assessedAt, p.Match.RespondedAt!.Value) : (double?)null)
            .OfType<double>().ToList();

        var brokenDown = matches.Select(p => p.Match).Where(m => m.Status == MatchStatus.BrokenDown && month.Contains(m.EndedAt)).ToList();
        var checkIns = referrals.SelectMany(r => records.CheckIns[r.Id]).Where(c => month.Contains(c.At)).ToList();
        var feedback = referrals.SelectMany(r => records.Feedback[r.Id]).Where(f => month.Contains(f.At)).ToList();

        var trend = Trend(month, referrals, matches);
        return new SchemeEvaluation(
            scheme.Id,
            scheme.Name,
            funnel,
            assessment,
            new MatchTimes(matchDays.Count, Median(matchDays)),
            new BreakdownFigures(brokenDown.Count, Tallies(brokenDown.Select(m => m.EndReason))),
            await CheckInsAsync(scheme, month, now, checkIns, matches, records, cancellationToken),
            [.. FeedbackFrom.Select(from => Feedback(from, feedback))],
            referrals.SelectMany(r => records.Concerns[r.Id]).Count(at => month.Contains(at)),
            await MentorsAsync(scheme.Id, now, cancellationToken),
            trend,
            Sources(received),
            Waiting(month, now, referrals, matches),
            YearToDate(trend),
            Load(month, now, matches),
            await MentorMonthAsync(scheme.Id, month, now, cancellationToken))
        {
            Outcomes = scheme.OutcomeStatements.Count == 0 ? null : DistanceTravelled(scheme, month, records),
            Geography = Geography(received.Select(r => records.Districts.GetValueOrDefault(r.Id))),
        };
    }

    /// <summary>
    /// The equality monitoring answers of the month's referrals, read from each mentee's details by key (they are never
    /// copied into the report's figures); a referral whose details were erased counts as not answered.
    /// </summary>
    private async Task<EqualitiesFigures> EqualitiesAsync(IEnumerable<Referral> received, CancellationToken cancellationToken)
    {
        var people = await received.ReadEachAsync((r, ct) => services.Store.People.GetAsync(r.Id, nameof(PersonRole.Mentee), ct), cancellationToken);
        var answers = people.Select(p => p?.Value.Equalities ?? new Equalities()).ToList();
        return new EqualitiesFigures(
            Counts(answers.Select(a => a.AgeBand)),
            Counts(answers.Select(a => a.Gender)),
            Counts(answers.Select(a => a.EthnicGroup)),
            Counts(answers.Select(a => a.Disability)));

        static List<EqualityCount> Counts<T>(IEnumerable<T?> given)
            where T : struct, Enum
        {
            var list = given.ToList();
            var names = Enum.GetValues<T>().Select(v => v.ToString()).Append(EqualitiesFigures.NotAnswered).ToList();
            var counts = Enum.GetValues<T>().Select(v => list.Count(g => g is { } x && x.Equals(v))).Append(list.Count(g => g is null)).ToList();
            return [.. names.Zip(SmallNumbers.Shown(counts), (name, shown) => new EqualityCount(name, shown))];
        }
    }

    /// <summary>Areas by referrals, most first; districts under each in map-book order, small ones without their count.</summary>
    private static ReferralGeography Geography(IEnumerable<string?> districts)
    {
        var known = districts.Select(d => (District: d?.Trim().ToUpperInvariant(), Area: Postcodes.Area(d))).ToList();
        var areas = known.Where(k => k.Area is not null).GroupBy(k => k.Area!, StringComparer.Ordinal)
            .Select(area =>
            {
                var inArea = area.Where(k => Postcodes.IsDistrict(k.District)).GroupBy(k => k.District!, StringComparer.Ordinal)
                    .OrderBy(d => d.Key, Comparer<string>.Create(Postcodes.Compare)).ToList();
                var shown = SmallNumbers.Shown([.. inArea.Select(d => d.Count())]);
                return new PostcodeAreaCount(area.Key, area.Count(), [.. inArea.Select((d, i) => new PostcodeDistrictCount(d.Key, shown[i]))]);
            })
            .OrderByDescending(a => a.Count).ThenBy(a => a.Area, StringComparer.Ordinal)
            .ToList();
        return new ReferralGeography(areas, known.Count(k => k.Area is null));
    }

    private static ReferralSources Sources(List<Referral> received)
    {
        var professional = received.Where(r => r.Kind == ReferralKind.Professional).ToList();
        return new ReferralSources(received.Count(r => r.Kind == ReferralKind.Self), professional.Count)
        {
            Sectors =
            [
                .. ReferrerSectors.All.Select(s => new Tally(s.ToString(), professional.Count(r => r.ReferrerSector == s))),
                new Tally(ReferralSources.NotRecorded, professional.Count(r => r.ReferrerSector is null)),
            ],
        };
    }

    /// <summary>
    /// The outcome scale's distance travelled: closing answers given in the month (and from 1 April to its end), each
    /// paired with the same referral's answers at the start, statement by statement.
    /// </summary>
    private static OutcomeFigures DistanceTravelled(Scheme scheme, Period month, MonthRecords records)
    {
        var answers = records.Referrals.Select(r => records.Outcomes[r.Id].ToList()).ToList();
        var yearFrom = StartUtc(FinancialYearStart(MonthOf(month.From)));
        return new OutcomeFigures(
            answers.SelectMany(a => a).Count(a => a.Moment == OutcomeMoment.Start && month.Contains(a.At)),
            answers.SelectMany(a => a).Count(a => a.Moment == OutcomeMoment.Close && month.Contains(a.At)),
            Changes(scheme, answers, month),
            Changes(scheme, answers, new Period(yearFrom, month.To)));
    }

    private static List<OutcomeChange> Changes(Scheme scheme, List<List<OutcomeAnswers>> answers, Period period)
    {
        var pairs = answers
            .Select(a => (Start: a.FirstOrDefault(x => x.Moment == OutcomeMoment.Start), Close: a.FirstOrDefault(x => x.Moment == OutcomeMoment.Close)))
            .Where(p => p.Start is not null && p.Close is not null && period.Contains(p.Close.At))
            .ToList();
        var changes = new List<OutcomeChange>();
        foreach (var statement in scheme.OutcomeStatements)
        {
            var scored = pairs
                .Where(p => p.Start!.Scores.ContainsKey(statement.Id) && p.Close!.Scores.ContainsKey(statement.Id))
                .Select(p => (Start: (double)p.Start!.Scores[statement.Id], Close: (double)p.Close!.Scores[statement.Id]))
                .ToList();
            var shown = scored.Count >= OutcomeMinimumPairs;
            var start = shown ? scored.Average(s => s.Start) : (double?)null;
            var close = shown ? scored.Average(s => s.Close) : (double?)null;
            changes.Add(new OutcomeChange(statement.Id, statement.Text, scored.Count, Round(start), Round(close), Round(close - start)));
        }

        return changes;
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 1, MidpointRounding.AwayFromZero) : null;

    /// <summary>1 April of the financial year a month falls in.</summary>
    private static DateOnly FinancialYearStart(DateOnly month) => new(month.Month >= FinancialYearStartMonth ? month.Year : month.Year - 1, FinancialYearStartMonth, 1);

    /// <summary>The month's end, or now for the month so far: the moment "at the end of the month" figures are taken.</summary>
    private static DateTime AsOf(Period month, DateTime now) => now < month.To ? now : month.To;

    private static WaitingList Waiting(Period month, DateTime now, List<Referral> referrals, List<Paired> matches)
    {
        var asOf = AsOf(month, now);
        var matched = matches.Where(p => Running(p.Match, asOf)).Select(p => p.Referral.Id).ToHashSet(StringComparer.Ordinal);
        var waiting = referrals
            .Where(r => r.ReceivedAt < asOf && !(r.ClosedAt < asOf) && !matched.Contains(r.Id))
            .Where(r => !(r.AssessedAt < asOf) || r.Outcome == AssessmentOutcome.Suitable)
            .ToList();
        var forAssessment = waiting.Count(r => !(r.AssessedAt < asOf));
        var days = waiting.Select(r => Days(r.ReceivedAt, asOf)).ToList();
        return new WaitingList(asOf, asOf == month.To, forAssessment, waiting.Count - forAssessment, Bands(days, WaitingBands));
    }

    /// <summary>Sums of the trend's months from 1 April (of this year or the last), which the twelve months always reach back to.</summary>
    private static YearToDate YearToDate(List<TrendMonth> trend)
    {
        var from = FinancialYearStart(trend[^1].Month);
        var months = trend.Where(t => t.Month >= from).ToList();
        return new YearToDate(from, months.Sum(t => t.Received), months.Sum(t => t.Assessed), months.Sum(t => t.MatchesStarted), months.Sum(t => t.Closed));
    }

    /// <summary>Places taken at the moment: a running match, or a proposal made and not yet answered, holds one.</summary>
    private static MentorLoad Load(Period month, DateTime now, List<Paired> matches)
    {
        var asOf = AsOf(month, now);
        var taken = matches.Select(p => p.Match)
            .Where(m => Running(m, asOf) || (m.ProposedAt < asOf && (m.Status == MatchStatus.Proposed || (m.AnsweredAt ?? m.RespondedAt) >= asOf)))
            .ToList();
        return new MentorLoad(asOf, taken.Count, taken.Select(m => m.MentorId).Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>
    /// Mentors as they stood at the month's end, from their recorded changes (a mentor with none has been as now since
    /// before changes were kept), who joined and left in it, and the supervision and training their logs date in it.
    /// </summary>
    private async Task<MentorMonth> MentorMonthAsync(string schemeId, Period month, DateTime now, CancellationToken cancellationToken)
    {
        var asOf = AsOf(month, now);
        var mentors = (await services.Store.Mentors.QueryAsync($"PartitionKey eq {"mentor"} and SchemeId eq {schemeId}", cancellationToken)).Select(m => m.Value).ToList();
        var changes = (await services.Store.MentorChanges.PartitionAsync(schemeId, cancellationToken)).Select(r => r.Value).OrderBy(c => c.At).ToList();
        var byMentor = changes.ToLookup(c => c.MentorId, StringComparer.Ordinal);
        var active = mentors.Select(m => MentorChange.StateAt([.. byMentor[m.Id]], asOf, m)).Where(s => s is { Active: true }).Select(s => s!.Value).ToList();
        var inMonth = changes.Where(c => month.Contains(c.At)).ToList();
        var first = MonthOf(month.From);
        var logs = await Task.WhenAll(mentors.Select(m => services.Store.MentorLog.PartitionAsync(m.Id, cancellationToken)));
        var logged = logs.SelectMany(l => l).Select(l => l.Value).Where(e => e.On >= first && e.On < first.AddMonths(1)).ToList();
        return new MentorMonth(
            asOf,
            active.Count,
            active.Sum(s => s.Capacity),
            inMonth.Count(c => c.Joined),
            inMonth.Count(c => !c.Joined && c.WasActive && !c.Active),
            logged.Count(e => e.Kind == MentorLogKind.Supervision),
            logged.Count(e => e.Kind == MentorLogKind.Training));
    }

    private static bool Running(Match match, DateTime asOf) => Started(match) && match.RespondedAt < asOf && (match.EndedAt is null || match.EndedAt >= asOf);

    /// <summary>
    /// The twelve months to the report's, from the rows the month's figures were read from: the trend costs no read
    /// of its own.
    /// </summary>
    private static List<TrendMonth> Trend(Period month, List<Referral> referrals, List<Paired> matches)
    {
        var last = MonthOf(month.From);
        var trend = new List<TrendMonth>();
        for (var back = TrendMonths - 1; back >= 0; back--)
        {
            var (from, to) = Bounds(last.AddMonths(-back));
            var period = new Period(from, to);
            trend.Add(new TrendMonth(
                last.AddMonths(-back),
                referrals.Count(r => period.Contains(r.ReceivedAt)),
                referrals.Count(r => period.Contains(r.AssessedAt)),
                matches.Count(p => Started(p.Match) && period.Contains(p.Match.RespondedAt)),
                referrals.Count(r => period.Contains(r.ClosedAt))));
        }

        return trend;
    }

    private static List<WaitBand> Bands(List<double> days, IReadOnlyList<(int Over, int? UpTo)> bands) =>
        [.. bands.Select(b => new WaitBand(b.Over, b.UpTo, days.Count(d => (b.Over == 0 || d > b.Over) && (b.UpTo is not { } upTo || d <= upTo))))];

    /// <summary>
    /// A match counts as running at the month's end when the mentor had accepted before it and it had not ended by
    /// then; it is up to date when its last check-in up to then, or its start, is within cadence plus grace.
    /// </summary>
    private async Task<CheckInFigures> CheckInsAsync(
        Scheme scheme, Period month, DateTime now, List<CheckIn> logged, List<Paired> matches, MonthRecords records, CancellationToken cancellationToken)
    {
        var asOf = now < month.To ? now : month.To;
        var running = matches.Where(p => Started(p.Match) && p.Match.RespondedAt < asOf && (p.Match.EndedAt is null || p.Match.EndedAt >= asOf)).ToList();
        var policies = new Dictionary<int, SchemePolicy>();
        var upToDate = 0;
        foreach (var (referral, match) in running)
        {
            var version = referral.PolicyVersion;
            if (!policies.TryGetValue(version, out var policy))
            {
                policy = (await services.Schemes.PolicyAsync(scheme.Id, version, cancellationToken))?.Policy ?? scheme.Policy;
                policies[version] = policy;
            }

            var started = match.RespondedAt!.Value;
            var lastCheckIn = records.CheckIns[referral.Id].Where(c => c.At < asOf).Select(c => c.At).DefaultIfEmpty(started).Max();
            var since = lastCheckIn > started ? lastCheckIn : started;
            if (asOf <= since.AddDays(policy.CheckInCadenceDays + policy.CheckInOverdueDaysAfter))
            {
                upToDate++;
            }
        }

        return new CheckInFigures(
            logged.Count,
            Enum.GetValues<RagStatus>().ToDictionary(r => r, r => logged.Count(c => c.Rag == r)),
            logged.Count(c => c.MetSinceLastCheckIn),
            asOf,
            asOf == month.To,
            running.Count,
            upToDate,
            scheme.Policy.CheckInCadenceDays,
            scheme.Policy.CheckInOverdueDaysAfter);
    }

    private async Task<MentorCapacity> MentorsAsync(string schemeId, DateTime now, CancellationToken cancellationToken)
    {
        // Today as the matcher reckons it, so these counts agree with the mentor pages and the shortlist.
        var today = DateOnly.FromDateTime(now);
        var mentors = (await services.Store.Mentors.QueryAsync($"PartitionKey eq {"mentor"} and SchemeId eq {schemeId}", cancellationToken)).Select(m => m.Value).Where(m => m.Active).ToList();
        return new MentorCapacity(
            mentors.Count,
            mentors.Sum(m => m.Capacity),
            mentors.Sum(m => m.ActiveMatches),
            mentors.Count(m => m.ActiveMatches >= m.Capacity),
            mentors.Count(m => m.DbsCheckExpires is not { } d || d <= today),
            mentors.Count(m => m.DbsCheckExpires is { } d && d > today && d <= today.AddDays(Caseload.DbsWarningDays)));
    }

    /// <summary>
    /// The mentor accepted: Active, or ended later by a breakdown or closure (both set EndedAt). A proposal withdrawn
    /// before any answer is also Ended, but without EndedAt, and never started.
    /// </summary>
    private static bool Started(Match match) =>
        match.RespondedAt is not null && (match.Status is MatchStatus.Active or MatchStatus.BrokenDown || (match.Status == MatchStatus.Ended && match.EndedAt is not null));

    private static FeedbackFigures Feedback(string from, List<Feedback> feedback)
    {
        var given = feedback.Where(f => string.Equals(f.From, from, StringComparison.OrdinalIgnoreCase)).ToList();
        return new FeedbackFigures(from, given.Count, given.Count == 0 ? null : Math.Round(given.Average(f => f.Helpfulness), 1));
    }

    private static List<Tally> Tallies(IEnumerable<string?> codes) =>
        [.. codes.GroupBy(c => string.IsNullOrWhiteSpace(c) ? "not-recorded" : c).Select(g => new Tally(g.Key, g.Count())).OrderByDescending(t => t.Count).ThenBy(t => t.Code, StringComparer.Ordinal)];

    private static double Days(DateTime from, DateTime to) => (to - from).TotalDays;

    private static double? Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return Math.Round(sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2, 1);
    }

    private static DateTime StartUtc(DateOnly month) =>
        // London's clocks change at 01:00 UTC, never at local midnight, so midnight always exists and is unambiguous.
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(month.Year, month.Month, 1, 0, 0, 0, DateTimeKind.Unspecified), UkTime.London);

    private sealed record Paired(Referral Referral, Match Match);

    private sealed record Period(DateTime From, DateTime To)
    {
        public bool Contains(DateTime? at) => at >= From && at < To;
    }

    /// <summary>
    /// The referrals of one scheme alive in the report's twelve months, with their matches, check-ins, feedback and
    /// concerns: the months' partitions of <see cref="ReportMonths"/> (no whole table is read), and the scheme's
    /// retained figures of referrals retention erased, so an old month reads the same after as before.
    /// </summary>
    /// <remarks>
    /// A referral with retained figures is counted from them alone: they were written before its erasure began, so
    /// while a retention run is part-way through it they are whole and its own rows may not be.
    /// </remarks>
    private sealed record MonthRecords(
        List<Referral> Referrals,
        ILookup<string, Match> Matches,
        ILookup<string, CheckIn> CheckIns,
        ILookup<string, Feedback> Feedback,
        ILookup<string, DateTime> Concerns,
        ILookup<string, OutcomeAnswers> Outcomes,
        IReadOnlyDictionary<string, string?> Districts,
        IReadOnlyList<RetainedReferral> All,
        IReadOnlyList<RetainedReferral> Retained)
    {
        public static async Task<MonthRecords> LoadAsync(PeerFlowStore store, string schemeId, DateOnly month, DateTime toUtc, CancellationToken cancellationToken)
        {
            var months = Enumerable.Range(0, TrendMonths).Select(back => month.AddMonths(-back)).ToList();
            var live = store.ReportMonths.FiguresAsync(schemeId, months, toUtc, cancellationToken);
            var retained = (await store.RetainedFigures.PartitionAsync(schemeId, cancellationToken)).Select(r => r.Value).ToList();
            var ids = retained.Select(r => r.Referral.Id).ToHashSet(StringComparer.Ordinal);
            var all = (await live).Where(f => !ids.Contains(f.Referral.Id)).Concat(retained).ToList();
            return new MonthRecords(
                [.. all.Select(f => f.Referral)],
                all.SelectMany(f => f.Matches, (f, m) => (f.Referral.Id, m)).ToLookup(x => x.Id, x => x.m, StringComparer.Ordinal),
                all.SelectMany(f => f.CheckIns, (f, c) => (f.Referral.Id, c)).ToLookup(x => x.Id, x => x.c, StringComparer.Ordinal),
                all.SelectMany(f => f.Feedback, (f, b) => (f.Referral.Id, b)).ToLookup(x => x.Id, x => x.b, StringComparer.Ordinal),
                all.SelectMany(f => f.ConcernsRaisedAt, (f, at) => (f.Referral.Id, at)).ToLookup(x => x.Id, x => x.at, StringComparer.Ordinal),
                all.SelectMany(f => f.Outcomes ?? [], (f, o) => (f.Referral.Id, o)).ToLookup(x => x.Id, x => x.o, StringComparer.Ordinal),
                all.ToDictionary(f => f.Referral.Id, f => f.PostcodeDistrict, StringComparer.Ordinal),
                all,
                retained);
        }
    }
}
