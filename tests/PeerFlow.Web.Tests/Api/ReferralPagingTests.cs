using System.Net;
using System.Text.Json;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Web.Tests.Pages;
using static PeerFlow.Web.Tests.Api.ApiAssert;

namespace PeerFlow.Web.Tests.Api;

/// <summary>
/// Issue 20: GET /api/referrals and /referrals answer a page at a time, from open work or the closed partitions, and
/// never an unbounded list. Referrals are written straight to the records (no workflows): the read models follow the
/// writes themselves.
/// </summary>
public sealed class ReferralPagingTests
{
    private const string Fostering = "foster-mentoring";
    private const string PeerLink = "peer-link";
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Api_Pages_Open_Referrals_Newest_First_With_Total_And_Closed_Ones_Apart()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        var start = new DateTime(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 5; i++)
        {
            await InsertAsync(app, New("o" + i, i % 2 == 0 ? Fostering : PeerLink, start.AddHours(i)));
        }

        await InsertAsync(app, New("c1", Fostering, start.AddDays(-30)) with { Stage = ReferralStage.Closed, ClosedAt = start.AddDays(-3) });
        await InsertAsync(app, New("c2", Fostering, start.AddDays(-40)) with { Stage = ReferralStage.Closed, ClosedAt = start.AddDays(-1) });

        var seen = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = await JsonAsync(await http.GetAsync("/api/referrals?pageSize=2" + (next is null ? "" : "&continuation=" + Uri.EscapeDataString(next))), HttpStatusCode.OK);
            Assert.Equal(5, page.GetProperty("total").GetInt32());
            Assert.True(page.GetProperty("items").GetArrayLength() <= 2);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()!));
            next = page.TryGetProperty("next", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            pages++;
        }
        while (next is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(["o4", "o3", "o2", "o1", "o0"], seen); // newest first, each once, no closed one

        var closed = await JsonAsync(await http.GetAsync("/api/referrals?stage=closed&pageSize=1"), HttpStatusCode.OK);
        Assert.Equal("c2", Assert.Single(closed.GetProperty("items").EnumerateArray()).GetProperty("id").GetString()); // most recently closed first
        var rest = await JsonAsync(await http.GetAsync("/api/referrals?stage=closed&pageSize=1&continuation=" + Uri.EscapeDataString(closed.GetProperty("next").GetString()!)), HttpStatusCode.OK);
        Assert.Equal("c1", Assert.Single(rest.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());

        var peerLink = await JsonAsync(await http.GetAsync($"/api/referrals?scheme={PeerLink}"), HttpStatusCode.OK);
        Assert.Equal(["o3", "o1"], peerLink.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("pageSize=ten", "pageSize")]
    [InlineData("stage=sleeping", "stage")]
    [InlineData("stage=3", "stage")]
    [InlineData("continuation=x%27%20or%20%27a", "continuation")]
    [InlineData("stage=closed&continuation=c99%3Azz", "continuation")]
    public async Task Api_Answers_Bad_Paging_With_Problem_Details(string query, string field)
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        await ValidationProblemAsync(await http.GetAsync("/api/referrals?" + query), field);
    }

    [Fact]
    public async Task List_Page_Shows_Fifty_And_Links_To_The_Next_Page()
    {
        await using var app = new ApiApp();
        using var http = PageForms.Browser(app);
        var start = new DateTime(2026, 10, 1, 9, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 52; i++)
        {
            await InsertAsync(app, New($"p{i:D2}", Fostering, start.AddHours(i)));
        }

        var first = await PageForms.GetHtmlAsync(http, "/referrals");
        Assert.Contains("52 referrals, newest first.", first, StringComparison.Ordinal);
        Assert.Contains("REF-p51", first, StringComparison.Ordinal);
        Assert.DoesNotContain("REF-p01", first, StringComparison.Ordinal);
        var link = System.Text.RegularExpressions.Regex.Match(first, "href=\"(/referrals\\?continuation=[^\"]+)\" rel=\"next\"").Groups[1].Value;
        Assert.NotEmpty(link);

        var second = await PageForms.GetHtmlAsync(http, WebUtility.HtmlDecode(link));
        Assert.Contains("REF-p01", second, StringComparison.Ordinal);
        Assert.Contains("REF-p00", second, StringComparison.Ordinal);
        Assert.DoesNotContain("REF-p51", second, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", second, StringComparison.Ordinal);
    }

    private static Referral New(string id, string scheme, DateTime received) =>
        new() { Id = id, Reference = "REF-" + id, SchemeId = scheme, PolicyVersion = 1, ConsentGiven = true, ReceivedAt = received };

    private static async Task InsertAsync(ApiApp app, Referral referral) =>
        Assert.True(await app.Store.Referrals.TryInsertAsync(referral.Id, "", referral, MatchProposals.ReferralColumns(referral), None));
}
