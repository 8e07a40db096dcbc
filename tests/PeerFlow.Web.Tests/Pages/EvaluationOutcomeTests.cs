using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Schemes;
using PeerFlow.Web.Tests.Api;
using static PeerFlow.Web.Tests.Pages.PageForms;

namespace PeerFlow.Web.Tests.Pages;

/// <summary>
/// The outcome scale's distance travelled, against a hand-computed fixture: fostering's five statements (the demo
/// organisation file), three mentees whose closing answers came in October 2026 and one in September.
/// </summary>
public sealed partial class EvaluationTests
{
    private const string Travelled = "Distance travelled: closing answers this month";
    private const string TravelledYear = "Distance travelled: year to date, April to October 2026";

    [Fact]
    public async Task Outcomes_PairEachMenteesCloseWithTheirStart_StatementByStatement_AndHideMeansOfFewerThanThree()
    {
        await using var app = new ApiApp();
        using var http = app.CreateClient();
        await SeedOutcomesAsync(app);

        var html = WebUtility.HtmlDecode(await GetHtmlAsync(http, $"/reports/2026-10?scheme={Fostering}"));
        var s = Section(html, Fostering);

        // o6 answered at the start in October; o1, o2, o3 and o5 (who never answered at the start) at closure.
        Assert.Equal("1", Cell(s, "Outcome questions answered", "At the start of their match"));
        Assert.Equal("4", Cell(s, "Outcome questions answered", "At closure"));

        // Starts 1, 2, 1 and closes 3, 4, 2: means 1.33 and 3.0, a change of 1.67.
        Assert.Equal(["3", "1.3", "3.0", "1.7"], Cells(s, Travelled, "I feel confident caring for the children placed with me"));
        Assert.Equal(["3", "1.7", "3.3", "1.7"], Cells(s, Travelled, "I feel less alone: I have people I can turn to"));
        Assert.Equal(["3", "2.7", "2.3", "\u22120.3"], Cells(s, Travelled, "I can cope when things get difficult"));
        Assert.Equal(["3", "1.7", "3.7", "2.0"], Cells(s, Travelled, "I know where to go for support"));
        // o3 did not answer this one at the start: two pairs, too few to show means.
        Assert.Equal(["2", "—", "—", "—"], Cells(s, Travelled, "I see myself still fostering in a year's time"));

        // With o4, closed in September: halves round away from zero.
        Assert.Equal(["4", "1.8", "3.3", "1.5"], Cells(s, TravelledYear, "I feel confident caring for the children placed with me"));
        Assert.Equal(["4", "2.0", "3.5", "1.5"], Cells(s, TravelledYear, "I feel less alone: I have people I can turn to"));
        Assert.Equal(["4", "2.8", "2.8", "0.0"], Cells(s, TravelledYear, "I can cope when things get difficult"));
        Assert.Equal(["4", "2.0", "3.8", "1.8"], Cells(s, TravelledYear, "I know where to go for support"));
        Assert.Equal(["3", "3.3", "4.3", "1.0"], Cells(s, TravelledYear, "I see myself still fostering in a year's time"));

        // Peer Link asks its own four; Peer Link's mentees answered nothing.
        var all = WebUtility.HtmlDecode(await GetHtmlAsync(http, "/reports/2026-10"));
        Assert.Equal(["0", "—", "—", "—"], Cells(Section(all, PeerLink), Travelled, "I feel confident as an adoptive parent"));

        // The files carry the same, a fall as a negative number in Excel.
        var csv = System.Text.Encoding.UTF8.GetString(await http.GetByteArrayAsync($"/reports/2026-10?scheme={Fostering}&format=csv"));
        Assert.Contains($"{Travelled},I can cope when things get difficult,Change,\u22120.3", csv, StringComparison.Ordinal);
        using var workbook = new MemoryStream(await http.GetByteArrayAsync($"/reports/2026-10?scheme={Fostering}&format=xlsx"));
        var rows = workbook.Query(useHeaderRow: true, sheetName: "Distance travelled", excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(-0.3, Convert.ToDouble(Assert.Single(rows, r => Equals(r["Statement"], "I can cope when things get difficult"))["Change"], System.Globalization.CultureInfo.InvariantCulture));

        // A scheme without a scale has no outcome tables at all.
        var scheme = await app.Services.GetRequiredService<SchemeCatalog>().GetAsync(PeerLink, None);
        await app.Store.Schemes.UpsertAsync("scheme", PeerLink, scheme! with { OutcomeScale = null }, null, None);
        Assert.DoesNotContain("Distance travelled", Section(WebUtility.HtmlDecode(await GetHtmlAsync(http, "/reports/2026-11")), PeerLink), StringComparison.Ordinal);
    }

    private static async Task SeedOutcomesAsync(ApiApp app)
    {
        await OutcomeCaseAsync(app, "o1", ("2026-06-10T10:00:00Z", [1, 2, 3, 1, 3]), ("2026-10-05T10:00:00Z", [3, 4, 2, 4, 4]));
        await OutcomeCaseAsync(app, "o2", ("2026-07-10T10:00:00Z", [2, 2, 3, 2, 4]), ("2026-10-20T10:00:00Z", [4, 3, 3, 4, 5]));
        // Not answered "staying" at the start; closing at 23:30 GMT on 31 October, still October's.
        await OutcomeCaseAsync(app, "o3", ("2026-08-10T10:00:00Z", [1, 1, 2, 2]), ("2026-10-31T23:30:00Z", [2, 3, 2, 3, 3]));
        await OutcomeCaseAsync(app, "o4", ("2026-05-10T10:00:00Z", [3, 3, 3, 3, 3]), ("2026-09-15T10:00:00Z", [4, 4, 4, 4, 4]));
        await OutcomeCaseAsync(app, "o5", null, ("2026-10-10T10:00:00Z", [5, 5, 5, 5, 5]));
        await OutcomeCaseAsync(app, "o6", ("2026-10-03T10:00:00Z", [1, 1, 1, 1, 1]), null);
        // Midnight GMT on 1 November: November's.
        await OutcomeCaseAsync(app, "o7", ("2026-06-01T10:00:00Z", [1, 1, 1, 1, 1]), ("2026-11-01T00:00:00Z", [5, 5, 5, 5, 5]));
    }

    private static readonly string[] FosteringStatements = ["confident", "less-alone", "coping", "know-support", "staying"];

    private static async Task OutcomeCaseAsync(ApiApp app, string id, (string At, int[] Scores)? start, (string At, int[] Scores)? close)
    {
        await ReferralAsync(app, New(id, Fostering, "2026-04-20T09:00:00Z"));
        foreach (var (moment, answers) in new[] { (OutcomeMoment.Start, start), (OutcomeMoment.Close, close) })
        {
            if (answers is { } a)
            {
                var scores = a.Scores.Select((score, i) => (FosteringStatements[i], score)).ToDictionary(x => x.Item1, x => x.score, StringComparer.Ordinal);
                Assert.True(await app.Store.OutcomeAnswers.TryInsertAsync(id, moment, new OutcomeAnswers { ReferralId = id, Moment = moment, At = U(a.At), Scores = scores }, null, None));
            }
        }
    }
}
