using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerFlow.Domain.Schemes;
using PeerFlow.Web.Actions;

namespace PeerFlow.Web.Pages.Reports;

public sealed class ReportMonthModel(Evaluation evaluation, SchemeCatalog schemes) : PageModel
{
    public EvaluationReport Report { get; private set; } = null!;

    /// <summary>The one scheme shown, or null for all.</summary>
    public string? Scheme { get; private set; }

    public string Title => "Monthly report: " + Evaluation.Label(Report.Month) + (Report.SoFar ? " (so far)" : "");

    /// <summary>The month's last day, for "1 to 31 October 2026".</summary>
    public string LastDay => Report.Month.AddMonths(1).AddDays(-1).ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(string month, string? scheme, CancellationToken cancellationToken)
    {
        if (!Evaluation.TryParseMonth(month, out var chosen))
        {
            return NotFound();
        }

        // An unknown scheme is ignored, as on the other staff pages, rather than giving an empty report.
        Scheme = (await schemes.ListAsync(cancellationToken)).Any(s => s.Id == scheme) ? scheme : null;
        if (await evaluation.ReportAsync(chosen, Scheme, cancellationToken) is not { } report)
        {
            return NotFound();
        }

        Report = report;
        return Page();
    }
}
