using PeerFlow.Domain.Email;

namespace PeerFlow.Orchestrations.Activities;

/// <summary>
/// What the monthly email carries of a scheme's report: its headline counts with the change from the month before,
/// and the report as an Excel workbook. The report is computed by the web layer (<c>Evaluation</c>), which
/// implements this, so that the email's figures are the page's. Counts only: no personal data.
/// </summary>
public interface IMonthlyReportContent
{
    /// <param name="month">The reported month's first day.</param>
    Task<MonthlyReportContent> ForSchemeAsync(DateOnly month, string schemeId, CancellationToken cancellationToken);
}

/// <param name="Workbook">The month's report for the scheme as .xlsx; null when it could not be produced.</param>
public sealed record MonthlyReportContent(IReadOnlyList<HeadlineFigure> Figures, byte[]? Workbook)
{
    public const string WorkbookType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}
