using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Schemes;
using PeerFlow.Web.Tests.Api;
using static PeerFlow.Web.Tests.Pages.PageForms;

namespace PeerFlow.Web.Tests.Pages;

/// <summary>The report as CSV, Excel and JSON, held against the page for the same seeded month.</summary>
public sealed partial class EvaluationTests
{
    [Fact]
    public async Task CsvAndExcel_CarryEveryFigureOfThePage_AndTheApiTheSameFigures()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        await SeedAsync(app, DateOnly.FromDateTime(app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime));
        var html = WebUtility.HtmlDecode(await GetHtmlAsync(http, "/reports/2026-10"));
        Assert.Contains("href=\"/reports/2026-10?format=csv\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/reports/2026-10?format=xlsx\"", html, StringComparison.Ordinal);

        // CSV: one line per figure on the page, each equal to the page's.
        using var csvResponse = await http.GetAsync("/reports/2026-10?format=csv");
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal("peerflow-report-2026-10.csv", csvResponse.Content.Headers.ContentDisposition?.FileNameStar);
        var csv = Rows(await csvResponse.Content.ReadAsByteArrayAsync(), ExcelType.CSV);
        Assert.Equal(Regex.Count(html, "<td class=\"(?:number|words)\">"), csv.Count);
        foreach (var line in csv)
        {
            var page = Cells(Section(html, Text(line["scheme_id"])), Text(line["table"]), Text(line["row"]));
            var column = ColumnIndex(html, Text(line["scheme_id"]), Text(line["table"]), Text(line["column"]));
            Assert.Equal(page[column] == "—" ? "" : page[column], Text(line["value"]));
            Assert.Equal("2026-10", Text(line["month"]));
        }

        Assert.Equal("4", Text(Assert.Single(csv, l => Text(l["scheme_id"]) == Fostering && Text(l["table"]) == "Referrals, matches and closures" && Text(l["row"]) == "Referrals received")["value"]));

        // Excel: a sheet per table, a row per scheme and figure, numbers as numbers.
        using var xlsxResponse = await http.GetAsync($"/reports/2026-10?scheme={Fostering}&format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsxResponse.Content.Headers.ContentType?.MediaType);
        var workbook = await xlsxResponse.Content.ReadAsByteArrayAsync();
        using (var names = new MemoryStream(workbook))
        {
            Assert.Contains("Referrals", MiniExcel.GetSheetNames(names));
        }

        var referrals = Rows(workbook, ExcelType.XLSX, "Referrals");
        var fosteringPage = Section(html, Fostering);
        Assert.All(referrals, r => Assert.Equal("Foster Carer Mentoring", Text(r["Scheme"])));
        foreach (var row in referrals)
        {
            Assert.Equal(Cell(fosteringPage, "Referrals, matches and closures", Text(row["What happened"])), Text(row["Number"]));
        }

        var timing = Rows(workbook, ExcelType.XLSX, "Time to assessment");
        Assert.Equal(19.5, Convert.ToDouble(Assert.Single(timing, r => Text(r["Referrals assessed this month"]) == "Median days from referral to assessment")["Figure"], System.Globalization.CultureInfo.InvariantCulture));

        // JSON: the same figures, by the same definitions.
        var json = JsonDocument.Parse(await http.GetStringAsync($"/api/reports/{Fostering}/2026-10")).RootElement;
        var fostering = Assert.Single(json.GetProperty("schemes").EnumerateArray());
        Assert.Equal(4, fostering.GetProperty("funnel").GetProperty("received").GetInt32());
        Assert.Equal(19.5, fostering.GetProperty("assessment").GetProperty("medianDays").GetDouble());
        Assert.Equal(2, JsonDocument.Parse(await http.GetStringAsync("/api/reports/all/2026-10")).RootElement.GetProperty("schemes").GetArrayLength());

        await ApiAssert.ProblemAsync(await http.GetAsync("/api/reports/no-such-scheme/2026-10"), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await http.GetAsync("/api/reports/all/0001-01"), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await http.GetAsync("/api/reports/all/2099-01"), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await http.GetAsync("/reports/2026-10?format=pdf"), HttpStatusCode.BadRequest);
    }

    private static readonly string[] YearRows = ["Referrals received", "Referrals assessed", "Matches started (mentor accepted)", "Referrals closed"];

    [Fact]
    public async Task AllSchemes_AddsTheCountsThatAddUp_OnThePageInTheFilesAndTheApi_OnlyWithEverySchemeShown()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        await SeedAsync(app, DateOnly.FromDateTime(app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime));

        var all = Section(WebUtility.HtmlDecode(await GetHtmlAsync(http, "/reports/2026-10")), "all");
        Assert.Contains("<h2 id=\"scheme-all\">All schemes together</h2>", all, StringComparison.Ordinal);
        const string Month = "All 2 schemes: the month";
        // Fostering's October (4 received, 1 urgent, 3 assessed, 2 started, 2 closed, 1 concern) and Peer Link's (1, 1, 1, 0, 1, 1).
        Assert.Equal("5", Cell(all, Month, "Referrals received"));
        Assert.Equal("2", Cell(all, Month, "Urgent referrals received"));
        Assert.Equal("4", Cell(all, Month, "Referrals assessed"));
        Assert.Equal("2", Cell(all, Month, "Matches started (mentor accepted)"));
        Assert.Equal("3", Cell(all, Month, "Referrals closed"));
        Assert.Equal("2", Cell(all, Month, "Safeguarding concerns raised"));
        Assert.Equal("2", Cell(all, Month, "Waiting for assessment at the end of the month"));
        Assert.Equal("1", Cell(all, Month, "Assessed, waiting for a match at the end of the month"));
        Assert.Equal("4", Cell(all, Month, "Matches running at the end of the month"));
        // April to October: fostering's 10, 5, 7 and 3, with Peer Link's p1 (received, assessed and closed in October, its match started in September).
        const string Year = "All 2 schemes, year to date: April to October 2026";
        Assert.Equal(["11", "6", "8", "4"], YearRows.Select(r => Cell(all, Year, r)));
        Assert.DoesNotContain("Median days", all, StringComparison.Ordinal);
        // Fostering's 11, 6, 8, 4 and 2 from June 2025; Peer Link's October alone (its first referral), 1, 1, 0, 1 and 1.
        const string Launch = "All 2 schemes, since launch: June 2025 to October 2026";
        Assert.Equal(["12", "7", "8", "5", "3"], YearRows.Append("Safeguarding concerns raised").Select(r => Cell(all, Launch, r)));

        var json = JsonDocument.Parse(await http.GetStringAsync("/api/reports/all/2026-10")).RootElement;
        Assert.Equal(5, json.GetProperty("totals").GetProperty("received").GetInt32());
        Assert.Equal(11, json.GetProperty("totals").GetProperty("yearToDate").GetProperty("received").GetInt32());
        Assert.Equal(12, json.GetProperty("totals").GetProperty("sinceLaunch").GetProperty("received").GetInt32());
        Assert.Equal("2025-06-01", json.GetProperty("totals").GetProperty("sinceLaunch").GetProperty("from").GetString());
        var csv = System.Text.Encoding.UTF8.GetString(await http.GetByteArrayAsync("/reports/2026-10?format=csv"));
        Assert.Contains($"2026-10,all,All schemes together,{Month},Referrals received,Number,5", csv, StringComparison.Ordinal);

        // One scheme chosen: no totals anywhere.
        Assert.DoesNotContain("scheme-all", await GetHtmlAsync(http, $"/reports/2026-10?scheme={Fostering}"), StringComparison.Ordinal);
        var one = JsonDocument.Parse(await http.GetStringAsync($"/api/reports/{Fostering}/2026-10")).RootElement;
        Assert.True(!one.TryGetProperty("totals", out var none) || none.ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task Csv_DefusesAReasonLabelThatWouldRunAsAFormula()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        var peerLink = await app.Services.GetRequiredService<SchemeCatalog>().GetAsync(PeerLink, None);
        Assert.NotNull(peerLink);
        await app.Store.Schemes.UpsertAsync("scheme", PeerLink, peerLink with { ClosureReasons = [new("odd", "=HYPERLINK(\"https://evil.example\")")] }, null, None);
        await ReferralAsync(app, New("p1", PeerLink, "2026-10-01T09:00:00Z") with { Stage = ReferralStage.Closed, ClosedAt = U("2026-10-12T10:00:00Z"), ClosureReason = "odd" });

        var text = Encoding.UTF8.GetString(await http.GetByteArrayAsync($"/reports/2026-10?scheme={PeerLink}&format=csv"));

        var line = Assert.Single(text.Split('\n'), l => l.Contains("HYPERLINK", StringComparison.Ordinal));
        Assert.DoesNotContain(",=HYPERLINK", line, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"=HYPERLINK", line, StringComparison.Ordinal);
    }

    private static List<IDictionary<string, object?>> Rows(byte[] file, ExcelType type, string? sheet = null)
    {
        using var stream = new MemoryStream(file);
        return [.. stream.Query(useHeaderRow: true, sheetName: sheet, excelType: type).Cast<IDictionary<string, object?>>()];
    }

    private static string Text(object? value) => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";

    /// <summary>Which value column of the captioned table a column heading names.</summary>
    private static int ColumnIndex(string html, string scheme, string caption, string column)
    {
        var table = Regex.Match(Section(html, scheme), "<caption>" + Regex.Escape(caption) + "</caption>(.*?)</thead>", RegexOptions.Singleline);
        var headings = Regex.Matches(table.Groups[1].Value, "<th scope=\"col\" class=\"(?:number|words)\">(.*?)</th>").Select(m => m.Groups[1].Value).ToList();
        var index = headings.IndexOf(column);
        Assert.True(index >= 0, $"No column \"{column}\" in \"{caption}\".");
        return index;
    }
}
