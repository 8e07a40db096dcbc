using Microsoft.Extensions.DependencyInjection;
using PeerFlow.Domain.Records;
using PeerFlow.Web.Tests.Api;
using static PeerFlow.Web.Tests.Pages.PageForms;

namespace PeerFlow.Web.Tests.Pages;

/// <summary>
/// Totals since launch: counted from the records for months never reported (older ones from their own month's figures),
/// and from last month's stored report once there is one, so a month already reported stays as reported.
/// </summary>
public sealed partial class EvaluationTests
{
    [Fact]
    public async Task SinceLaunch_CountsMonthsNeverReportedFromTheRecords_AndBuildsOnLastMonthsStoredReport()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        await SeedAsync(app, DateOnly.FromDateTime(app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime));

        // Nothing stored before: June and July 2025 (r0) are read from their own months, the rest from the twelve.
        Assert.Equal("11", Cell(Section(await GetHtmlAsync(http, $"/reports/2026-10?scheme={Fostering}"), Fostering), "Since launch: June 2025 to October 2026", "Referrals received"));
        Assert.Equal(["2026-10"], (await app.Store.StoredReports.PartitionAsync(Fostering, None)).Select(r => r.RowKey)); // no month generated on the way

        // September: October's eleven less its four.
        var september = Section(await GetHtmlAsync(http, $"/reports/2026-09?scheme={Fostering}"), Fostering);
        Assert.Equal("7", Cell(september, "Since launch: June 2025 to September 2026", "Referrals received"));
        Assert.Equal("1", Cell(september, "Since launch: June 2025 to September 2026", "Safeguarding concerns raised")); // r0's; r1's came in October

        // A referral recorded late, received in May 2026: regenerating October counts it in the year to date, read
        // from the records, but not since launch, which adds October to September's stored totals.
        await ReferralAsync(app, New("late", Fostering, "2026-05-10T10:00:00Z"));
        var regenerated = System.Text.Json.JsonDocument.Parse(await (await http.PostAsync($"/api/reports/{Fostering}/2026-10/regenerate", null)).Content.ReadAsStringAsync()).RootElement;
        var section = Assert.Single(regenerated.GetProperty("schemes").EnumerateArray());
        Assert.Equal(11, section.GetProperty("yearToDate").GetProperty("received").GetInt32());
        Assert.Equal(11, section.GetProperty("sinceLaunch").GetProperty("received").GetInt32()); // not 12
        Assert.Equal(2, section.GetProperty("sinceLaunch").GetProperty("safeguardingConcerns").GetInt32());
        Assert.Equal("2025-06-01", section.GetProperty("sinceLaunch").GetProperty("from").GetString());
    }
}
