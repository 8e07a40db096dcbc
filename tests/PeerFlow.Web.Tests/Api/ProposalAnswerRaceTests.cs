using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerFlow.Domain.Links;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using static PeerFlow.Web.Tests.Api.ApiAssert;

namespace PeerFlow.Web.Tests.Api;

/// <summary>
/// Answers to one proposal posted at the same moment, through HTTP, many times over: exactly one is kept, in storage,
/// the other is told what was kept, and the workflow does what the winner was told.
/// </summary>
public class ProposalAnswerRaceTests
{
    private const int Rounds = 8;

    [Fact]
    public async Task AcceptAndDeclineLinks_PostedTogether_OneAnswerIsKept_TheOtherIsToldWhich()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        var proposals = await OpenProposalsAsync(app, http);

        var answers = await Task.WhenAll(proposals.Select(async p =>
        {
            var accept = http.PostAsync("/api/links/accept/" + Link(app, LinkAction.AcceptMatch, p), null);
            var decline = http.PostAsync("/api/links/decline/" + Link(app, LinkAction.DeclineMatch, p), null);
            return (Proposal: p, Accept: await accept, Decline: await decline);
        }));
        await app.SettleAsync();

        foreach (var (p, accept, decline) in answers)
        {
            Assert.Single(new[] { accept, decline }, r => r.StatusCode == HttpStatusCode.Accepted);
            var accepted = accept.StatusCode == HttpStatusCode.Accepted;
            var loser = await ProblemAsync(accepted ? decline : accept, HttpStatusCode.Conflict);
            Assert.Contains(accepted ? "the match was accepted" : "it was declined", loser.GetProperty("detail").GetString(), StringComparison.Ordinal);

            var match = await MatchAsync(app, p);
            Assert.Equal(accepted ? MatchAnswer.Accepted : MatchAnswer.Declined, match.Answer);
            Assert.Equal(accepted ? MatchStatus.Active : MatchStatus.Declined, match.Status);
            Assert.Equal(accepted ? ReferralStage.Active : ReferralStage.Matching, (await ReferralAsync(app, p.ReferralId)).Stage);
            Assert.Equal([accepted ? "Mentor accepted the match" : "Mentor declined the match"], await AnswersInTimelineAsync(app, p.ReferralId));
        }
    }

    [Fact]
    public async Task AcceptAndClosure_PostedTogether_OneIsKept_AndTheOtherIsToldTheTruth()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        var proposals = await OpenProposalsAsync(app, http);

        var answers = await Task.WhenAll(proposals.Select(async p =>
        {
            var accept = http.PostAsync("/api/links/accept/" + Link(app, LinkAction.AcceptMatch, p), null);
            var close = http.PostAsync($"/api/referrals/{p.ReferralId}/closure", Json("""{"reason":"Family moved away"}"""));
            return (Proposal: p, Accept: await accept, Close: await close);
        }));
        await app.SettleAsync();

        foreach (var (p, accept, close) in answers)
        {
            Assert.Single(new[] { accept, close }, r => r.StatusCode == HttpStatusCode.Accepted);
            var accepted = accept.StatusCode == HttpStatusCode.Accepted;
            var loser = await ProblemAsync(accepted ? close : accept, HttpStatusCode.Conflict);
            Assert.Contains(accepted ? "The mentor accepted the proposal" : "The referral was closed before this answer arrived", loser.GetProperty("detail").GetString(), StringComparison.Ordinal);

            var match = await MatchAsync(app, p);
            var referral = await ReferralAsync(app, p.ReferralId);
            if (accepted)
            {
                Assert.Equal((MatchAnswer.Accepted, MatchStatus.Active), (match.Answer, match.Status));
                Assert.Equal(ReferralStage.Active, referral.Stage);
                Assert.Null(referral.ClosureRequestedAt);
                Assert.Equal(["Mentor accepted the match"], await AnswersInTimelineAsync(app, p.ReferralId));
            }
            else
            {
                Assert.Equal((MatchAnswer.Withdrawn, MatchStatus.Ended), (match.Answer, match.Status));
                Assert.Equal(ReferralStage.Closed, referral.Stage);
                Assert.Empty(await AnswersInTimelineAsync(app, p.ReferralId));
            }
        }
    }

    private sealed record Proposal(string ReferralId, string MatchId);

    /// <summary><see cref="Rounds"/> referrals, each with a proposal its workflow is waiting on an answer to.</summary>
    private static async Task<IReadOnlyList<Proposal>> OpenProposalsAsync(ApiApp app, HttpClient http)
    {
        // Checks in date, or the shortlist would keep her off it and refuse the proposals.
        var mentor = new Mentor
        {
            Id = "ann", SchemeId = "foster-mentoring", Name = "Ann Mentor", Email = "ann@example.org", Capacity = Rounds, PostcodeDistrict = "EX2",
            DbsCheckExpires = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(3), TrainingCompleted = true,
        };
        await app.Store.Mentors.TryInsertAsync("mentor", mentor.Id, mentor, MatchProposals.MentorColumns(mentor), CancellationToken.None);
        var ids = await Task.WhenAll(Enumerable.Range(0, Rounds).Select(async i =>
        {
            var body = new JsonObject
            {
                ["schemeId"] = "foster-mentoring",
                ["kind"] = "Self",
                ["consent"] = true,
                ["name"] = "Jamie Fox",
                ["email"] = $"jamie{i}@example.com",
                ["postcodeDistrict"] = "EX2",
                ["reasonForReferral"] = "Newly approved and would value support.",
            };
            return (await JsonAsync(await http.PostAsync("/api/referrals", Json(body)), HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
        }));
        await app.SettleAsync();
        foreach (var id in ids)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"/api/referrals/{id}/assessment", Json("""{"outcome":"suitable","profile":{"postcodeDistrict":"EX2"}}"""))).StatusCode);
        }

        await app.SettleAsync();
        var proposals = new List<Proposal>();
        foreach (var id in ids)
        {
            var match = await JsonAsync(await http.PostAsync($"/api/referrals/{id}/matches", Json("""{"mentorId":"ann"}""")), HttpStatusCode.Created);
            proposals.Add(new(id, match.GetProperty("id").GetString()!));
        }

        await app.SettleAsync();
        return proposals;
    }

    private static string Link(ApiApp app, LinkAction action, Proposal p) =>
        app.Services.GetRequiredService<SignedLinks>().Create(action, p.ReferralId, p.MatchId, TimeSpan.FromDays(5));

    private static async Task<Match> MatchAsync(ApiApp app, Proposal p) =>
        (await app.Store.Matches.GetAsync(p.ReferralId, p.MatchId, CancellationToken.None))!.Value;

    private static async Task<Referral> ReferralAsync(ApiApp app, string id) =>
        (await app.Store.Referrals.GetAsync(id, "", CancellationToken.None))!.Value;

    private static async Task<List<string>> AnswersInTimelineAsync(ApiApp app, string id) =>
        [.. (await app.Store.Timeline.PartitionAsync(id, CancellationToken.None)).Select(t => t.Value).Where(t => t.Kind == "answer").Select(t => t.Text)];
}
