using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using PeerFlow.Domain.Links;
using PeerFlow.Domain.Records;
using PeerFlow.Orchestrations.Activities;
using PeerFlow.Web.Tests.Api;
using static PeerFlow.Web.Tests.Pages.PageForms;

namespace PeerFlow.Web.Tests.Pages;

/// <summary>
/// Feedback quotes (issue 21): only comments whose writer ticked "you may quote what I wrote, without my name" reach
/// the report, read from the records at each view (never stored with the month's figures), and never the email.
/// </summary>
public sealed partial class EvaluationTests
{
    private const string Quoted = "Feedback people agreed we may quote";

    [Fact]
    public async Task Quotes_OnlyConsentedCommentsOfTheMonth_OnThePageAndInItsFiles_GoneWhenTheCommentIs_AndNeverInTheEmail()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        await ReferralAsync(app, New("q1", Fostering, "2026-05-01T09:00:00Z"));
        await ReferralAsync(app, New("q2", Fostering, "2026-05-01T09:00:00Z"));
        await ReferralAsync(app, New("q3", Fostering, "2026-05-01T09:00:00Z"));
        await QuoteAsync(app, "q1", "mentee", "2026-10-12T10:00:00Z", "Rosa made all the difference in the first months.", consent: true);
        await QuoteAsync(app, "q1", "mentor", "2026-10-13T10:00:00Z", "Seeing the family settle was a joy.", consent: true);
        await QuoteAsync(app, "q2", "mentee", "2026-10-14T10:00:00Z", "Secret comment", consent: false);
        await QuoteAsync(app, "q2", "mentor", "2026-10-15T10:00:00Z", null, consent: true);
        // 23:30 BST on 30 September: September's.
        await QuoteAsync(app, "q3", "mentee", "2026-09-30T22:30:00Z", "September's words.", consent: true);

        var html = WebUtility.HtmlDecode(await GetHtmlAsync(http, $"/reports/2026-10?scheme={Fostering}"));
        var s = Section(html, Fostering);
        Assert.Equal(["Rosa made all the difference in the first months."], Cells(s, Quoted, "A mentee (1)"));
        Assert.Equal(["Seeing the family settle was a joy."], Cells(s, Quoted, "A mentor (1)"));
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(s, "<td class=\"words\">"));
        Assert.DoesNotContain("Secret comment", s, StringComparison.Ordinal);
        Assert.DoesNotContain("September's words", s, StringComparison.Ordinal);
        Assert.Equal(["2", "4.0"], FeedbackRow(s, "Mentees and families")); // counted, quoted or not
        Assert.Equal(["2", "4.0"], FeedbackRow(s, "Mentors"));

        var csv = System.Text.Encoding.UTF8.GetString(await http.GetByteArrayAsync($"/reports/2026-10?scheme={Fostering}&format=csv"));
        Assert.Contains($"{Quoted},A mentee (1),What they wrote,Rosa made all the difference in the first months.", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret comment", csv, StringComparison.Ordinal);
        using (var workbook = new MemoryStream(await http.GetByteArrayAsync($"/reports/2026-10?scheme={Fostering}&format=xlsx")))
        {
            var rows = workbook.Query(useHeaderRow: true, sheetName: "Quotes", excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal(["Rosa made all the difference in the first months.", "Seeing the family settle was a joy."], rows.Select(r => Convert.ToString(r["What they wrote"], System.Globalization.CultureInfo.InvariantCulture)));
        }

        // The month is stored now, but its quotes are not: a comment erased (or consent withdrawn) leaves the report.
        await app.Store.Feedback.UpsertAsync("q1", "mentee", new Feedback { ReferralId = "q1", From = "mentee", At = U("2026-10-12T10:00:00Z"), Helpfulness = 4, Comments = "Rosa made all the difference in the first months.", QuoteConsent = false }, null, None);
        var after = Section(WebUtility.HtmlDecode(await GetHtmlAsync(http, $"/reports/2026-10?scheme={Fostering}")), Fostering);
        Assert.DoesNotContain("Rosa made all the difference", after, StringComparison.Ordinal);
        Assert.Equal(["Seeing the family settle was a joy."], Cells(after, Quoted, "A mentor (1)"));

        // The monthly email's workbook carries figures only.
        var content = await app.Services.GetRequiredService<IMonthlyReportContent>().ForSchemeAsync(new DateOnly(2026, 10, 1), Fostering, None);
        using var attached = new MemoryStream(content.Workbook!);
        Assert.DoesNotContain("Quotes", MiniExcel.GetSheetNames(attached));

        // A month nobody agreed to be quoted in says so.
        Assert.Contains("Nobody whose feedback came this month agreed to be quoted.", await GetHtmlAsync(http, $"/reports/2026-08?scheme={Fostering}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FeedbackForm_AsksToQuoteWithAnUntickedBox_AndKeepsTheAnswer()
    {
        await using var app = new ApiApp();
        using var http = Browser(app);
        await ReferralAsync(app, New("qf", Fostering, "2026-05-01T09:00:00Z"));
        var links = app.Services.GetRequiredService<SignedLinks>();
        var mentee = "/m/mentee-feedback/" + links.Create(LinkAction.MenteeFeedback, "qf", "mentee", TimeSpan.FromDays(14));
        var mentor = "/m/mentor-feedback/" + links.Create(LinkAction.MentorFeedback, "qf", "mentor", TimeSpan.FromDays(14));

        var page = await GetHtmlAsync(http, mentee);
        Assert.Contains("You may quote what I wrote in reports, without my name", page, StringComparison.Ordinal);
        Assert.Contains("type=\"checkbox\" id=\"Input_Quote\" name=\"Input.Quote\" value=\"yes\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("checked", page, StringComparison.Ordinal);

        SeeOther(await PostAsync(http, mentee, page, [new("Input.Helpfulness", "5"), new("Input.Comments", "Thank you all."), new("Input.Quote", "yes")]));
        SeeOther(await PostAsync(http, mentor, await GetHtmlAsync(http, mentor), [new("Input.Helpfulness", "4"), new("Input.Comments", "Keep it between us.")]));

        var kept = (await app.Store.Feedback.PartitionAsync("qf", None)).ToDictionary(f => f.Value.From, f => f.Value.QuoteConsent);
        Assert.Equal(new Dictionary<string, bool> { ["mentee"] = true, ["mentor"] = false }, kept);
    }

    private static Task QuoteAsync(ApiApp app, string referralId, string from, string at, string? comments, bool consent) =>
        app.Store.Feedback.UpsertAsync(referralId, from, new Feedback { ReferralId = referralId, From = from, At = U(at), Helpfulness = 4, Comments = comments, QuoteConsent = consent }, null, None);
}
