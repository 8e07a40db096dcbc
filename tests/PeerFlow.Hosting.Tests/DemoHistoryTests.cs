using PeerFlow.Domain.Calendar;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Schemes;
using PeerFlow.LocalHost.Dev;

namespace PeerFlow.Hosting.Tests;

/// <summary>
/// The demo's past year must read as a real scheme's in the monthly report (issue 21): assessments spread across the
/// deadline with a few late, matches weeks after assessment, breakdowns, concerns and check-ins of every colour, all
/// closed before now (no workflow runs for them), and the same every time for the same now.
/// </summary>
public class DemoHistoryTests
{
    private static readonly DateTime Now = new(2026, 12, 6, 10, 0, 0, DateTimeKind.Utc);

    private static readonly Scheme[] Schemes = [Scheme("foster-mentoring"), Scheme("peer-link")];

    private static readonly Mentor[] Mentors =
    [
        .. Enumerable.Range(1, 6).Select(i => Mentor($"mt-foster-{i}", "foster-mentoring", i == 6 ? 1 : 2)),
        .. Enumerable.Range(1, 4).Select(i => Mentor($"mt-link-{i}", "peer-link", 2)),
    ];

    [Fact]
    public void TheSameNow_GivesTheSameYear()
    {
        var first = DemoHistory.Generate(Now, Schemes, Mentors);
        var second = DemoHistory.Generate(Now, Schemes, Mentors);

        // As JSON: records holding lists compare their lists by reference.
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(first), System.Text.Json.JsonSerializer.Serialize(second));
    }

    [Fact]
    public void EveryReferral_ClosedBeforeNow_AfterEverythingThatHappenedToIt()
    {
        var cases = DemoHistory.Generate(Now, Schemes, Mentors);

        Assert.InRange(cases.Count, 50, 200);
        Assert.All(cases, c =>
        {
            Assert.Equal(ReferralStage.Closed, c.Referral.Stage);
            Assert.True(c.Referral.ClosedAt < Now);
            Assert.True(c.Referral.ReceivedAt >= Now.AddDays(-366) && c.Referral.ReceivedAt < c.Referral.AssessedAt);
            Assert.All(c.Matches, m => Assert.True(m.RespondedAt > c.Referral.AssessedAt && m.EndedAt <= c.Referral.ClosedAt));
            Assert.All(c.CheckIns, ci => Assert.True(ci.At < c.Referral.ClosedAt));
        });
    }

    [Fact]
    public void Assessments_SpreadAcrossTheDeadline_MostWithinIt()
    {
        var assessed = DemoHistory.Generate(Now, Schemes, Mentors).Select(c => c.Referral).ToList();
        var days = assessed.Select(r => (r.AssessedAt!.Value - r.ReceivedAt).TotalDays).Order().ToList();
        var within = assessed.Count(r => r.AssessedAt <= r.AssessmentDueAt);

        // Ten working days are fourteen calendar days or more.
        Assert.InRange(days[days.Count / 2], 2, 14);
        Assert.InRange(within, assessed.Count * 3 / 4, assessed.Count - 1);
        Assert.True(days.Distinct().Count() > assessed.Count / 2, "assessed on many different days");
    }

    [Fact]
    public void Matches_WeeksAfterAssessment_WithBreakdownsConcernsAndEveryColour_NoMentorOverCapacity()
    {
        var cases = DemoHistory.Generate(Now, Schemes, Mentors);
        var matches = cases.SelectMany(c => c.Matches.Select(m => (c.Referral, Match: m))).ToList();
        var firstMatches = matches.Where(p => p.Match.Id.EndsWith("-m1", StringComparison.Ordinal)).Select(p => (p.Match.RespondedAt!.Value - p.Referral.AssessedAt!.Value).TotalDays).Order().ToList();

        Assert.InRange(firstMatches[firstMatches.Count / 2], 7, 60);
        Assert.Contains(matches, p => p.Match.Status == MatchStatus.BrokenDown);
        Assert.Contains(cases, c => c.Concerns.Count > 0 && c.Referral.SafeguardingConcerns == c.Concerns.Count);
        Assert.Equal(Enum.GetValues<RagStatus>(), cases.SelectMany(c => c.CheckIns).Select(c => c.Rag).Distinct().Order());
        Assert.Contains(cases, c => c.Feedback.Count > 0);
        var comments = cases.SelectMany(c => c.Feedback).Where(f => f.Comments is not null).ToList();
        Assert.Contains(comments, f => f.QuoteConsent);
        Assert.Contains(comments, f => !f.QuoteConsent);
        foreach (var mentor in Mentors)
        {
            var mine = matches.Where(p => p.Match.MentorId == mentor.Id).Select(p => p.Match).ToList();
            Assert.All(mine, m => Assert.True(mine.Count(o => o.RespondedAt <= m.RespondedAt && m.RespondedAt < o.EndedAt) <= mentor.Capacity, $"{mentor.Id} over capacity"));
        }
    }

    [Fact]
    public void ASchemeAskingEqualities_HasAnswersForMostOfItsPeople_WithoutChangingTheRestOfTheYear()
    {
        var plain = DemoHistory.Generate(Now, Schemes, Mentors);
        var cases = DemoHistory.Generate(Now, [.. Schemes.Select(s => s with { Equalities = true })], Mentors);

        Assert.All(plain.SelectMany(c => c.People), p => Assert.Null(p.Equalities));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(plain.Select(c => c.Referral)), System.Text.Json.JsonSerializer.Serialize(cases.Select(c => c.Referral)));
        var answers = cases.SelectMany(c => c.People).Where(p => p.Role == PersonRole.Mentee).Select(p => p.Equalities).ToList();
        Assert.InRange(answers.Count(a => a is null), 1, answers.Count / 4);
        Assert.True(answers.Count(a => a?.Gender == Gender.Woman) >= 5 && answers.Count(a => a?.EthnicGroup == EthnicGroup.White) >= 5, "groups of five or more to report");
        Assert.True(answers.Select(a => a?.EthnicGroup).OfType<EthnicGroup>().Distinct().Count() >= 4, "more than one group");
    }

    [Fact]
    public void AScaleOfOutcomes_IsAnsweredAtTheStartAndMostlyAgainAtClosure_WithoutChangingTheRestOfTheYear()
    {
        OutcomeStatement[] statements = [new("a", "I feel A"), new("b", "I feel B"), new("c", "I feel C"), new("d", "I feel D")];
        var asking = Schemes.Select(s => s with { OutcomeScale = new OutcomeScale { Statements = statements } }).ToList();

        var plain = DemoHistory.Generate(Now, Schemes, Mentors);
        var cases = DemoHistory.Generate(Now, asking, Mentors);

        Assert.All(plain, c => Assert.Empty(c.Outcomes));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(plain.Select(c => c.Referral)), System.Text.Json.JsonSerializer.Serialize(cases.Select(c => c.Referral)));
        var pairs = cases.Where(c => c.Outcomes.Count == 2).ToList();
        Assert.InRange(pairs.Count, 10, cases.Count);
        Assert.All(cases.SelectMany(c => c.Outcomes.Select(o => (c.Referral, Answers: o))), p =>
        {
            Assert.True(p.Answers.At > p.Referral.ReceivedAt && p.Answers.At <= p.Referral.ClosedAt);
            Assert.Equal(["a", "b", "c", "d"], p.Answers.Scores.Keys.Order());
            Assert.All(p.Answers.Scores.Values, v => Assert.InRange(v, OutcomeScale.Lowest, OutcomeScale.Highest));
        });
        Assert.All(pairs, c => Assert.True(c.Outcomes[0].Moment == OutcomeMoment.Start && c.Outcomes[1].Moment == OutcomeMoment.Close && c.Outcomes[0].At < c.Outcomes[1].At));
        Assert.True(pairs.Average(c => c.Outcomes[1].Scores.Values.Sum() - c.Outcomes[0].Scores.Values.Sum()) > 0, "people feel better on the whole");
    }

    private static Scheme Scheme(string id) => new()
    {
        Id = id,
        Name = id,
        Coordinator = new StaffContact("C", "c@example.org"),
        Manager = new StaffContact("M", "m@example.org"),
        Policy = new SchemePolicy { Calendar = UkRegion.EnglandAndWales },
    };

    private static Mentor Mentor(string id, string scheme, int capacity) => new()
    {
        Id = id,
        SchemeId = scheme,
        Name = id,
        Email = id + "@example.org",
        Capacity = capacity,
    };
}
