using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Web.Actions;
using PeerFlow.Web.Tests.Api;
using static PeerFlow.Web.Tests.Pages.PageForms;

namespace PeerFlow.Web.Tests.Pages;

/// <summary>Issue 20: the dashboard counts all open work but lists at most <see cref="CaseloadView.Shown"/> rows of each kind, with a link to the rest.</summary>
public sealed class DashboardSizeTests
{
    [Fact]
    public async Task Dashboard_Counts_Every_Active_Match_But_Lists_A_Page_Of_Them_And_Links_To_The_Rest()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var now = DateTime.UtcNow;
        for (var i = 0; i < CaseloadView.Shown + 5; i++)
        {
            var referral = new Referral
            {
                Id = $"rdash{i:D2}", Reference = $"DASH-{i:D2}", SchemeId = "foster-mentoring", PolicyVersion = 1, ReceivedAt = now.AddDays(-60),
                Stage = ReferralStage.Active, MatchedAt = now.AddDays(-30 - i), LastCheckInAt = now.AddDays(-1),
            };
            Assert.True(await app.Store.Referrals.TryInsertAsync(referral.Id, "", referral, MatchProposals.ReferralColumns(referral), default));
        }

        var html = await GetHtmlAsync(http, "/dashboard");
        Assert.Equal(CaseloadView.Shown, System.Text.RegularExpressions.Regex.Count(html, "DASH-\\d\\d</a>"));
        Assert.Contains($"See all {CaseloadView.Shown + 5} active matches</a> (5 more than shown here)", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/referrals?stage=Active\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Proposal_Is_Listed_From_The_Referral_Or_For_An_Older_One_From_Its_Match_And_A_Bare_Claim_Is_Not()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        var now = DateTime.UtcNow;
        var mentor = new Mentor { Id = "mdash", SchemeId = "foster-mentoring", Name = "Ann Dashwood", Email = "ann.dashwood@example.org", Capacity = 2 };
        await app.Store.Mentors.TryInsertAsync("mentor", mentor.Id, mentor, MatchProposals.MentorColumns(mentor), default);
        async Task WaitingAsync(string id, string? matchId, string? proposedMentorId)
        {
            var referral = new Referral
            {
                Id = id, Reference = id.ToUpperInvariant(), SchemeId = "foster-mentoring", PolicyVersion = 1, ReceivedAt = now.AddDays(-20), AssessedAt = now.AddDays(-10),
                Stage = ReferralStage.Matching, CurrentMatchId = matchId, ProposalClaimedAt = matchId is null ? null : now.AddDays(-2), ProposedMentorId = proposedMentorId,
            };
            Assert.True(await app.Store.Referrals.TryInsertAsync(referral.Id, "", referral, MatchProposals.ReferralColumns(referral), default));
        }

        await WaitingAsync("rkept", "mkept", mentor.Id); // kept on the referral: no match row is read
        await WaitingAsync("rolder", "molder", null);
        var older = new Match { Id = "molder", ReferralId = "rolder", MentorId = mentor.Id, ProposedAt = now.AddDays(-3) };
        await app.Store.Matches.TryInsertAsync(older.ReferralId, older.Id, older, MatchProposals.Columns(older), default);
        await WaitingAsync("rclaim", "mclaim", null); // claimed by a proposer that crashed before writing the match

        var rows = System.Text.RegularExpressions.Regex.Matches(await GetHtmlAsync(http, "/dashboard"), "<tr>.*?</tr>", System.Text.RegularExpressions.RegexOptions.Singleline)
            .Select(m => m.Value).ToList();
        Assert.Contains("Proposed to Ann Dashwood, 2 days ago", Assert.Single(rows, r => r.Contains("RKEPT", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("Proposed to Ann Dashwood, 3 days ago", Assert.Single(rows, r => r.Contains("ROLDER", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("None yet: choose a mentor", Assert.Single(rows, r => r.Contains("RCLAIM", StringComparison.Ordinal)), StringComparison.Ordinal);
    }
}
