using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using PeerFlow.Domain.Email;
using PeerFlow.Orchestrations.Activities;
using PeerFlow.Web.Tests.Api;
using static PeerFlow.Web.Tests.Pages.PageForms;

namespace PeerFlow.Web.Tests.Pages;

/// <summary>The monthly email's headline figures and workbook, held against the page for the same seeded month.</summary>
public sealed partial class EvaluationTests
{
    [Fact]
    public async Task MonthlyEmail_CarriesTheReportsHeadlineFigures_TheChangeFromSeptember_AndTheWorkbook()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        await SeedAsync(app, DateOnly.FromDateTime(app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime));
        var page = Section(WebUtility.HtmlDecode(await GetHtmlAsync(http, $"/reports/2026-10?scheme={Fostering}")), Fostering);

        var content = await app.Services.GetRequiredService<IMonthlyReportContent>().ForSchemeAsync(new DateOnly(2026, 10, 1), Fostering, None);

        // Each figure is the page's, under the page's own row name.
        string[] tables =
        [
            "Referrals, matches and closures", "Time to assessment", "Referrals, matches and closures",
            "Check-ins up to date at the end of the month", "Waiting list at the end of the month", "Safeguarding",
        ];
        Assert.Equal(tables.Length, content.Figures.Count);
        for (var i = 0; i < tables.Length; i++)
        {
            Assert.Equal(Cell(page, tables[i], content.Figures[i].Label), content.Figures[i].Value);
        }

        // September: 1 received, 0 of 0 assessed, no match started, 4 running and 1 waiting (r11) at its end, no concern.
        Assert.Equal(
            [("Referrals received", "4", "+3"), ("Assessed by their deadline", "1 of 3", "+1"), ("Matches started (mentor accepted)", "2", "+2"),
             ("Matches running", "4", "no change"), ("Waiting in all", "3", "+2"), ("Safeguarding concerns raised", "1", "+1")],
            content.Figures.Select(f => (f.Label, f.Value, f.Change)));

        // The workbook is the report's, as the page's Excel download is.
        Assert.NotNull(content.Workbook);
        var referrals = Rows(content.Workbook, ExcelType.XLSX, "Referrals");
        Assert.Equal("4", Text(Assert.Single(referrals, r => Text(r["What happened"]) == "Referrals received")["Number"]));

        // The email says them in its body; the model holds counts and the link only.
        var email = EmailTemplates.Render(EmailTemplateNames.MonthlyReport, new MonthlyReportModel("Sam", "Foster Carer Mentoring", new DateOnly(2026, 10, 1), "https://peerflow.example.org/reports/2026-10", content.Figures));
        Assert.Contains("- Referrals received: 4 (+3)", email.Text, StringComparison.Ordinal);
        Assert.Contains("- Assessed by their deadline: 1 of 3 (+1)", email.Text, StringComparison.Ordinal);
        Assert.Contains("attached as an Excel workbook", email.Text, StringComparison.Ordinal);
        Assert.Contains("<td style=\"text-align:right; padding:4px 12px; border-bottom:1px solid #b1b4b6;\">1 of 3</td>", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("REF-", email.Html, StringComparison.Ordinal);
    }
}
