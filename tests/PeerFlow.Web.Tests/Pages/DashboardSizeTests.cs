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
}
