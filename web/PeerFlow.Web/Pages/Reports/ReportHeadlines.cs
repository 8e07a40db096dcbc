using System.Globalization;
using PeerFlow.Domain.Email;
using PeerFlow.Domain.Schemes;
using PeerFlow.Orchestrations.Activities;
using PeerFlow.Web.Actions;
using PeerFlow.Web.Hosting;

namespace PeerFlow.Web.Pages.Reports;

/// <summary>
/// The monthly email's content (<see cref="IMonthlyReportContent"/>): the headline counts of the scheme's report,
/// each beside the month before's, and the report's Excel workbook, all from <see cref="Evaluation"/> as the page is.
/// A singleton, as the activity that asks is: each call opens a scope of its own for the scoped evaluation.
/// </summary>
public sealed class ReportHeadlines(IServiceScopeFactory scopes) : IMonthlyReportContent
{
    public async Task<MonthlyReportContent> ForSchemeAsync(DateOnly month, string schemeId, CancellationToken cancellationToken)
    {
        MonthlyReportContent content = new([], null);
        await scopes.RunInScopeAsync<IServiceProvider>(async services =>
        {
            var evaluation = services.GetRequiredService<Evaluation>();
            // Figures only in an email: consented quotes are on the page and in its downloads.
            var report = await evaluation.ReportAsync(month, schemeId, cancellationToken, quotes: false);
            if (report?.Schemes.SingleOrDefault() is not { } current)
            {
                return;
            }

            var before = (await evaluation.ReportAsync(month.AddMonths(-1), schemeId, cancellationToken, quotes: false))?.Schemes.SingleOrDefault();
            var schemes = await services.GetRequiredService<SchemeCatalog>().ListAsync(cancellationToken);
            content = new MonthlyReportContent(Figures(current, before), await ReportExport.XlsxAsync(report, schemes));
        });
        return content;
    }

    /// <summary>Received, assessed by the deadline, matched, running, waiting and concerns, named as the page's rows are.</summary>
    public static IReadOnlyList<HeadlineFigure> Figures(SchemeEvaluation month, SchemeEvaluation? before)
    {
        return
        [
            Figure("Referrals received", s => s.Funnel.Received),
            new("Assessed by their deadline", $"{month.Assessment.WithinDeadline} of {month.Assessment.WithDeadline}", Change(month.Assessment.WithinDeadline, before?.Assessment.WithinDeadline)),
            Figure("Matches started (mentor accepted)", s => s.Funnel.MatchesStarted),
            Figure("Matches running", s => s.CheckIns.RunningMatches),
            Figure("Waiting in all", s => s.Waiting.ForAssessment + s.Waiting.ForMatch),
            Figure("Safeguarding concerns raised", s => s.SafeguardingConcerns),
        ];

        HeadlineFigure Figure(string label, Func<SchemeEvaluation, int> value) =>
            new(label, value(month).ToString(CultureInfo.InvariantCulture), Change(value(month), before is null ? null : value(before)));
    }

    private static string Change(int now, int? before) => before is not { } then ? "no figure"
        : now == then ? "no change"
        : (now - then).ToString("+0;-0", CultureInfo.InvariantCulture);
}
