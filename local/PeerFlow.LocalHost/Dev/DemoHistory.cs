using PeerFlow.Domain.Calendar;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Schemes;

namespace PeerFlow.LocalHost.Dev;

/// <summary>One finished referral of the demo's past year, with everything that happened to it.</summary>
public sealed record HistoricCase(
    Referral Referral,
    IReadOnlyList<Person> People,
    IReadOnlyList<Match> Matches,
    IReadOnlyList<CheckIn> CheckIns,
    IReadOnlyList<Feedback> Feedback,
    IReadOnlyList<SafeguardingConcern> Concerns,
    IReadOnlyList<TimelineEntry> Timeline)
{
    /// <summary>The mentee's outcome-scale answers, at the start of the match and at closure, where the scheme asks them.</summary>
    public IReadOnlyList<OutcomeAnswers> Outcomes { get; init; } = [];
}

/// <summary>
/// A year of a scheme's closed referrals, as a real scheme's records would hold them: assessments spread across the
/// working-day deadline with a few late, matches made over weeks, some breakdowns, closures with feedback, check-ins
/// of every colour and a few concerns. Every case is closed before now, so none needs a workflow (an open referral
/// without one would read as stopped). The same now gives the same year: the random numbers have a fixed seed.
/// </summary>
public static class DemoHistory
{
    /// <summary>Referrals are received from a year ago up to this long ago; the open demo referrals cover the weeks after.</summary>
    public static readonly TimeSpan RecentGap = TimeSpan.FromDays(40);

    private const int Seed = 2107;

    private static readonly string[] FirstNames = ["Alex", "Bea", "Cal", "Dina", "Eli", "Fran", "Gus", "Hana", "Ivo", "Jade", "Kit", "Lola", "Max", "Nell", "Oli", "Pam"];
    private static readonly string[] Surnames = ["Ashby", "Brook", "Carter", "Dale", "Ennis", "Foley", "Grant", "Hale", "Irwin", "Joyce", "Kemp", "Lane"];
    /// <summary>What a few people wrote in their feedback; some of them agreed to be quoted.</summary>
    private static readonly string[] MenteeWords =
    [
        "Having someone who had been through it made me feel I was not doing it all wrong.",
        "The first weeks were the hardest and my mentor was there every time I rang.",
        "I would have liked to meet more often, but every meeting helped.",
        "It gave me the confidence to ask the social worker the questions I was afraid to ask.",
    ];

    private static readonly string[] MentorWords =
    [
        "Watching the family grow in confidence was the best part.",
        "Supervision kept me going when it got difficult.",
        "More training on life story work would have helped me.",
    ];

    /// <summary>Who refers, roughly as a fostering scheme sees it: social workers most, then health and schools. Picked by index, so no random draw moves.</summary>
    private static readonly ReferrerSector[] SectorMix =
    [
        ReferrerSector.SocialWorker, ReferrerSector.Health, ReferrerSector.SocialWorker, ReferrerSector.Education, ReferrerSector.SocialWorker,
        ReferrerSector.Voluntary, ReferrerSector.Health, ReferrerSector.SocialWorker, ReferrerSector.Education, ReferrerSector.Other,
    ];

    /// <summary>
    /// Answers for a scheme that asks them, picked by index (no random draw moves, so the rest of the year stays the
    /// same): mostly White women of 25 to 44, as foster carers often are, with every seventh person answering nothing.
    /// </summary>
    private static Equalities? DemoEqualities(int index) => index % 7 == 0 ? null : new Equalities
    {
        AgeBand = AgeMix[index * 3 % AgeMix.Length],
        Gender = index % 5 == 0 ? Gender.Man : index % 23 == 0 ? Gender.PreferNotToSay : Gender.Woman,
        EthnicGroup = EthnicMix[index * 11 % EthnicMix.Length],
        Disability = index % 6 == 0 ? Disability.Yes : index % 13 == 0 ? Disability.PreferNotToSay : Disability.No,
    };

    private static readonly AgeBand[] AgeMix = [AgeBand.From25To34, AgeBand.From35To44, AgeBand.From45To54, AgeBand.From35To44, AgeBand.From25To34, AgeBand.From55To64, AgeBand.From35To44, AgeBand.From18To24];

    private static readonly EthnicGroup[] EthnicMix =
    [
        EthnicGroup.White, EthnicGroup.White, EthnicGroup.White, EthnicGroup.Mixed, EthnicGroup.White, EthnicGroup.White, EthnicGroup.Asian,
        EthnicGroup.White, EthnicGroup.White, EthnicGroup.Black, EthnicGroup.White, EthnicGroup.PreferNotToSay,
    ];

    private static readonly string[] Districts = ["EX1", "EX2", "EX4", "TQ1", "PL4", "TR1", "TA1", "DT1"];

    /// <param name="mentors">The mentors the past matches were made with; none is given more matches at once than their capacity.</param>
    public static IReadOnlyList<HistoricCase> Generate(DateTime nowUtc, IReadOnlyList<Scheme> schemes, IReadOnlyList<Mentor> mentors)
    {
        var random = new Random(Seed);
        var cases = new List<HistoricCase>();
        var from = nowUtc.AddDays(-365);
        var until = nowUtc - RecentGap;
        foreach (var scheme in schemes.OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            var load = mentors.Where(m => m.SchemeId == scheme.Id).ToDictionary(m => m, _ => new List<(DateTime From, DateTime To)>());
            if (load.Count == 0)
            {
                continue;
            }

            // Arrivals in step with the scheme's places (a referral a month for every three, so a wait is weeks, not months), never two at the same moment.
            var gap = 720 / Math.Max(1, load.Keys.Sum(m => m.Capacity) * 0.35);
            for (var at = from.AddHours(random.Next(1, 72)); at < until; at = at.AddHours(gap * (0.5 + random.NextDouble())))
            {
                var received = OnLondonDay(NoticeTimes.LondonDate(at), random.Next(8, 21), random.Next(60));
                if (received >= until)
                {
                    break;
                }

                cases.Add(new Builder(random, scheme, load, nowUtc, $"demo-h{cases.Count + 1:D3}").Build(received));
            }
        }

        return cases;
    }

    private static DateTime OnLondonDay(DateOnly date, int hour, int minute) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(new TimeOnly(hour, minute), DateTimeKind.Unspecified), UkTime.London);

    /// <summary>Walks one referral through its life, stopping at a closure a day or more before now.</summary>
    private sealed class Builder(Random random, Scheme scheme, Dictionary<Mentor, List<(DateTime From, DateTime To)>> load, DateTime now, string id)
    {
        private readonly List<Match> matches = [];
        private readonly List<CheckIn> checkIns = [];
        private readonly List<Feedback> feedback = [];
        private readonly List<SafeguardingConcern> concerns = [];
        private readonly List<TimelineEntry> timeline = [];
        private readonly List<OutcomeAnswers> outcomes = [];

        // Outcome answers draw from their own numbers, so a scheme's scale leaves the rest of its year as it was.
        private readonly Random answers = new(Seed + int.Parse(id.AsSpan(6), System.Globalization.CultureInfo.InvariantCulture));
        private readonly DateTime latest = now.AddDays(-1);
        private Referral referral = null!;

        private SchemePolicy Policy => scheme.Policy;

        public HistoricCase Build(DateTime received)
        {
            var index = int.Parse(id.AsSpan(6), System.Globalization.CultureInfo.InvariantCulture);
            var self = random.NextDouble() < 0.35;
            var urgent = random.NextDouble() < 0.08;
            var name = $"{FirstNames[index % FirstNames.Length]} {Surnames[index * 5 % Surnames.Length]}";
            var district = Districts[random.Next(Districts.Length)];
            var days = urgent ? Policy.UrgentAssessmentDeadlineWorkingDays : Policy.AssessmentDeadlineWorkingDays;
            referral = new Referral
            {
                Id = id,
                Reference = "",
                SchemeId = scheme.Id,
                PolicyVersion = 1,
                Kind = self ? ReferralKind.Self : ReferralKind.Professional,
                ReferrerSector = self ? null : SectorMix[index * 7 % SectorMix.Length],
                Urgent = urgent,
                ConsentGiven = true,
                ReceivedAt = received,
                AssessmentDueAt = WorkingDays.DeadlineUtc(received, days, Policy.Calendar),
            };
            Line(received, "received", "Referral received");
            var people = new List<Person>
            {
                new() { ReferralId = id, Role = PersonRole.Mentee, Name = name, Email = $"{name.Split(' ')[0].ToLowerInvariant()}.{index}@example.org", PostcodeDistrict = district, ReasonForReferral = "Demo referral", Equalities = scheme.Equalities ? DemoEqualities(index) : null },
            };
            if (!self)
            {
                people.Add(new Person { ReferralId = id, Role = PersonRole.Referrer, Name = "Sam Worker", Email = "sam.worker@example.org", Organisation = "Children's services" });
            }

            Assess(received, days);
            return new HistoricCase(referral, people, matches, checkIns, feedback, concerns, timeline) { Outcomes = outcomes };
        }

        /// <summary>Most within the deadline, spread across it; about one in eight late by a few working days.</summary>
        private void Assess(DateTime received, int deadlineDays)
        {
            var late = random.NextDouble() < 0.12;
            var workingDays = late ? deadlineDays + random.Next(1, 5) : random.Next(Math.Min(1, deadlineDays), deadlineDays + 1);
            var date = WorkingDays.AddWorkingDays(NoticeTimes.LondonDate(received), workingDays, Policy.Calendar);
            var assessed = OnLondonDay(date, random.Next(9, 17), random.Next(60));
            if (assessed <= received)
            {
                assessed = received.AddHours(3);
            }

            var roll = random.NextDouble();
            var outcome = roll < 0.74 ? AssessmentOutcome.Suitable : roll < 0.86 ? AssessmentOutcome.NotSuitable : roll < 0.94 ? AssessmentOutcome.Withdrawn : AssessmentOutcome.Deferred;
            referral = referral with
            {
                FirstContactAt = received + ((assessed - received) / 3),
                AssessedAt = assessed,
                Outcome = outcome,
                SignpostedTo = outcome == AssessmentOutcome.NotSuitable ? "Local carers' support group" : null,
                RecontactOn = outcome == AssessmentOutcome.Deferred ? NoticeTimes.LondonDate(assessed.AddDays(42)) : null,
            };
            Line(assessed, "assessed", "Assessment recorded: " + outcome);
            switch (outcome)
            {
                case AssessmentOutcome.NotSuitable:
                    Close(assessed.AddMinutes(5), "not-suitable");
                    break;
                case AssessmentOutcome.Withdrawn:
                    Close(assessed.AddMinutes(5), "withdrawn");
                    break;
                case AssessmentOutcome.Deferred:
                    // Contacted again after six weeks and not reached: the usual end of a deferral that does not return.
                    Close(Before(assessed.AddDays(42 + random.Next(0, 10)), assessed.AddMinutes(5)), "no-contact");
                    break;
                default:
                    Match(assessed, attempt: 1);
                    break;
            }
        }

        /// <summary>
        /// A mentor accepts one to six weeks after assessment (or after a breakdown), a few days after being asked;
        /// later when every mentor is full, as a real waiting list goes.
        /// </summary>
        private void Match(DateTime since, int attempt)
        {
            var proposed = since.AddDays(random.Next(4, 35) + random.NextDouble());
            var breaksDown = random.NextDouble() < (attempt == 1 ? 0.14 : 0.05);
            var days = breaksDown ? random.Next(20, 70) : random.Next(56, 110);
            Mentor? mentor = null;
            while (proposed.AddDays(14) < latest && (mentor = Free(proposed, proposed.AddDays(days + 4 + Policy.FeedbackWindowDays))) is null)
            {
                proposed = proposed.AddDays(7);
            }

            var accepted = proposed.AddDays(random.Next(0, 4) + random.NextDouble());
            if (mentor is null || accepted.AddDays(10) >= latest)
            {
                // Not matched in time to have ended: the family withdrew while waiting.
                Close(Before(since.AddDays(14 + random.Next(14)), since.AddHours(1)), "withdrawn");
                return;
            }

            var mentorId = mentor.Id;
            var match = new Match
            {
                Id = $"{id}-m{attempt}",
                ReferralId = id,
                MentorId = mentorId,
                Status = MatchStatus.Active,
                ProposedAt = proposed,
                RespondedAt = accepted,
                Answer = MatchAnswer.Accepted,
                AnsweredAt = accepted,
            };
            Line(accepted, "matched", "Mentor accepted the match");
            var planned = accepted.AddDays(days);
            var end = Before(planned, accepted.AddDays(3));
            var forcedShort = end < planned;
            referral = referral with
            {
                CurrentMatchId = match.Id,
                MentorId = mentorId,
                MatchedAt = accepted,
                FirstMeetingAt = accepted.AddDays(random.Next(3, 14)) < end ? accepted.AddDays(random.Next(3, 14)) : null,
            };
            load[mentor].Add((accepted, end.AddDays(Policy.FeedbackWindowDays)));
            StartAnswers(accepted, end);
            CheckIns(match, accepted, end, breaksDown && !forcedShort);
            if (random.NextDouble() < 0.05)
            {
                var at = accepted + ((end - accepted) * random.NextDouble());
                concerns.Add(new SafeguardingConcern(id, at, "Demo coordinator", "Demo concern (no real details)."));
                referral = referral with { SafeguardingConcerns = referral.SafeguardingConcerns + 1 };
                Line(at, "concern", "Safeguarding concern recorded");
            }

            if (breaksDown && !forcedShort)
            {
                var codes = ReasonCodes(scheme.BreakdownReasons, ["relationship", "mentor-unavailable", "family-disengaged"]);
                matches.Add(match with { Status = MatchStatus.BrokenDown, EndedAt = end, EndReason = codes[random.Next(codes.Length)] });
                referral = referral with { ExcludedMentorIds = [.. referral.ExcludedMentorIds, mentorId], CurrentMatchId = null, MentorId = null, MatchedAt = null, FirstMeetingAt = null };
                Line(end, "breakdown", "Match breakdown reported");
                if (attempt == 1 && random.NextDouble() < 0.6)
                {
                    Match(end, attempt + 1);
                }
                else
                {
                    Close(Before(end.AddDays(random.Next(2, 10)), end.AddHours(1)), "withdrawn");
                }

                return;
            }

            // Closure asked for, then the feedback window, then closed; a match cut short by now ended for a reason of its own.
            var requested = end;
            var closed = Before(requested.AddDays(random.Next(5, Policy.FeedbackWindowDays + 1)), requested.AddHours(1));
            var reason = forcedShort ? (random.NextDouble() < 0.5 ? "moved-away" : "withdrawn") : random.NextDouble() < 0.85 ? "planned-end" : "moved-away";
            referral = referral with { ClosureRequestedAt = requested };
            matches.Add(match with { Status = MatchStatus.Ended, EndedAt = closed, EndReason = reason });
            Feedback("mentee", requested, closed, 0.65);
            Feedback("mentor", requested, closed, 0.8);
            CloseAnswers(requested, closed);
            Close(closed, reason);
        }

        /// <summary>A mentor of the scheme with a place free all through [from, to), not one this family must not have again.</summary>
        private Mentor? Free(DateTime from, DateTime to)
        {
            var free = load.Where(l => !referral.ExcludedMentorIds.Contains(l.Key.Id) && MostAtOnce(l.Value, from, to) < l.Key.Capacity)
                .Select(l => l.Key).OrderBy(m => m.Id, StringComparer.Ordinal).ToList();
            return free.Count == 0 ? null : free[random.Next(free.Count)];
        }

        /// <summary>The most matches running at one moment within [from, to): the count is highest at some match's start, or at from.</summary>
        private static int MostAtOnce(List<(DateTime From, DateTime To)> matches, DateTime from, DateTime to) =>
            matches.Select(m => m.From).Where(t => t > from && t < to).Append(from).Max(t => matches.Count(m => m.From <= t && t < m.To));

        /// <summary>About every cadence, mostly green; a match heading for a breakdown turns amber then red.</summary>
        private void CheckIns(Match match, DateTime from, DateTime to, bool troubled)
        {
            var at = from.AddDays(Policy.CheckInCadenceDays + random.Next(-6, 6));
            while (at < to)
            {
                var towardsEnd = (at - from) / (to - from);
                var roll = random.NextDouble();
                var rag = troubled && towardsEnd > 0.5 ? (roll < 0.6 ? RagStatus.Red : RagStatus.Amber) : roll < 0.72 ? RagStatus.Green : roll < 0.93 ? RagStatus.Amber : RagStatus.Red;
                checkIns.Add(new CheckIn { Id = $"{match.Id}-c{checkIns.Count + 1}", ReferralId = id, MatchId = match.Id, At = at, Rag = rag, MetSinceLastCheckIn = random.NextDouble() < 0.85 });
                referral = referral with { LastCheckInAt = at, LastRag = rag };
                at = at.AddDays(Policy.CheckInCadenceDays + random.Next(-6, 8));
            }
        }

        private void Feedback(string from, DateTime requested, DateTime closed, double chance)
        {
            if (random.NextDouble() < chance)
            {
                var helpfulness = random.NextDouble() switch { < 0.45 => 5, < 0.8 => 4, < 0.93 => 3, _ => 2 };
                var at = requested + ((closed - requested) * random.NextDouble());
                // Words and consent from the answers' own numbers, so the rest of the year stays as it was.
                var words = from == "mentee" ? MenteeWords : MentorWords;
                var comments = answers.NextDouble() < 0.3 ? words[answers.Next(words.Length)] : null;
                feedback.Add(new Feedback { ReferralId = id, From = from, At = at, Helpfulness = helpfulness, Comments = comments, QuoteConsent = comments is not null && answers.NextDouble() < 0.6 });
            }
        }

        /// <summary>Most mentees answer the scale within days of their first match, mostly low: they came for support.</summary>
        private void StartAnswers(DateTime accepted, DateTime end)
        {
            var at = accepted.AddDays(1 + (answers.NextDouble() * 5));
            if (scheme.OutcomeStatements.Count == 0 || outcomes.Count > 0 || at >= end || answers.NextDouble() >= 0.75)
            {
                return;
            }

            outcomes.Add(new OutcomeAnswers
            {
                ReferralId = id, Moment = OutcomeMoment.Start, At = at,
                Scores = scheme.OutcomeStatements.ToDictionary(s => s.Id, _ => answers.Next(1, 4), StringComparer.Ordinal),
            });
        }

        /// <summary>Most who answered at the start answer again at closure, mostly a point or two higher, a few lower.</summary>
        private void CloseAnswers(DateTime requested, DateTime closed)
        {
            if (outcomes.FirstOrDefault(o => o.Moment == OutcomeMoment.Start) is not { } start || answers.NextDouble() >= 0.75)
            {
                return;
            }

            outcomes.Add(new OutcomeAnswers
            {
                ReferralId = id, Moment = OutcomeMoment.Close, At = requested + ((closed - requested) * answers.NextDouble()),
                Scores = start.Scores.ToDictionary(
                    s => s.Key,
                    s => Math.Clamp(s.Value + answers.NextDouble() switch { < 0.1 => -1, < 0.35 => 0, < 0.75 => 1, _ => 2 }, OutcomeScale.Lowest, OutcomeScale.Highest),
                    StringComparer.Ordinal),
            });
        }

        private void Close(DateTime at, string reason)
        {
            referral = referral with { Stage = ReferralStage.Closed, ClosedAt = at, ClosureReason = reason };
            Line(at, "closed", "Referral closed: " + reason);
        }

        /// <summary>
        /// The wanted time if it is a day or more before now; otherwise a time between <paramref name="floor"/> and
        /// then, spread at random so that the referrals the year cut short do not all close on the same day.
        /// </summary>
        private DateTime Before(DateTime wanted, DateTime floor)
        {
            if (wanted <= latest || floor >= latest)
            {
                return wanted <= latest ? wanted : floor;
            }

            return floor + ((latest - floor) * (0.2 + (0.8 * random.NextDouble())));
        }

        private void Line(DateTime at, string kind, string text) => timeline.Add(new TimelineEntry(id, at, kind, text));

        private static string[] ReasonCodes(IReadOnlyList<Domain.Referrals.Reason>? configured, string[] defaults) =>
            configured is { Count: > 0 } ? [.. configured.Select(r => r.Code).Where(c => c != Domain.Referrals.ReasonCodes.Other)] : defaults;
    }
}
