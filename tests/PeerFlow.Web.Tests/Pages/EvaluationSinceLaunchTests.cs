using Microsoft.Extensions.DependencyInjection;
using PeerFlow.Domain.Records;
using PeerFlow.Web.Tests.Api;
using static PeerFlow.Web.Tests.Pages.PageForms;

namespace PeerFlow.Web.Tests.Pages;

/// <summary>Totals since launch add up the stored months before the report's, so a month already reported stays as reported.</summary>
public sealed partial class EvaluationTests
{
    [Fact]
    public async Task SinceLaunch_AddsTheStoredMonthsBefore_AndStoresEveryMonthSinceTheFirstReferral()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        await SeedAsync(app, DateOnly.FromDateTime(app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime));
        const string Launch = "Since launch: June 2025 to October 2026";
        Assert.Equal("11", Cell(Section(await GetHtmlAsync(http, $"/reports/2026-10?scheme={Fostering}"), Fostering), Launch, "Referrals received"));

        // Every month from June 2025 to October 2026 was generated and stored, oldest first; none before.
        var stored = (await app.Store.StoredReports.PartitionAsync(Fostering, None)).Select(r => r.RowKey).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(0, 17).Select(i => new DateOnly(2025, 6, 1).AddMonths(i).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)), stored);

        // A referral recorded late, received in May 2026: regenerating October counts it in the year to date, read
        // from the records, but not since launch, whose May is the one reported and stored.
        await ReferralAsync(app, New("late", Fostering, "2026-05-10T10:00:00Z"));
        var regenerated = System.Text.Json.JsonDocument.Parse(await (await http.PostAsync($"/api/reports/{Fostering}/2026-10/regenerate", null)).Content.ReadAsStringAsync()).RootElement;
        var section = Assert.Single(regenerated.GetProperty("schemes").EnumerateArray());
        Assert.Equal(11, section.GetProperty("yearToDate").GetProperty("received").GetInt32());
        Assert.Equal(11, section.GetProperty("sinceLaunch").GetProperty("received").GetInt32()); // not 12
        Assert.Equal("2025-06-01", section.GetProperty("sinceLaunch").GetProperty("from").GetString());
    }
}
