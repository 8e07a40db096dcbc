using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerFlow.Domain.Schemes;
using PeerFlow.Web.Actions;

namespace PeerFlow.Web.Pages.Reports;

public sealed class ReportsIndexModel(SchemeCatalog schemes, TimeProvider time) : PageModel
{
    public const int ChoiceMonths = 24;

    public const int LinkedMonths = 12;

    /// <summary>Newest first, starting with the month in progress.</summary>
    public IReadOnlyList<DateOnly> Months { get; private set; } = [];

    public DateOnly Current { get; private set; }

    /// <summary>The last complete month: what a manager usually wants.</summary>
    public DateOnly Selected { get; private set; }

    public IReadOnlyList<Scheme> Schemes { get; private set; } = [];

    public string? Scheme { get; private set; }

    /// <summary>The choice form is a GET form to this page; a valid choice goes on to the report's own address.</summary>
    public async Task<IActionResult> OnGetAsync(string? month, string? scheme, CancellationToken cancellationToken)
    {
        Schemes = await schemes.ListAsync(cancellationToken);
        Scheme = Schemes.Any(s => s.Id == scheme) ? scheme : null;
        Current = Evaluation.MonthOf(time.GetUtcNow().UtcDateTime);
        Months = [.. Enumerable.Range(0, ChoiceMonths).Select(i => Current.AddMonths(-i))];
        Selected = Current.AddMonths(-1);
        if (Evaluation.TryParseMonth(month, out var chosen) && chosen <= Current)
        {
            return LocalRedirect(Address(chosen, Scheme));
        }

        return Page();
    }

    public static string Address(DateOnly month, string? scheme) =>
        "/reports/" + Evaluation.Key(month) + (scheme is null ? "" : "?scheme=" + Uri.EscapeDataString(scheme));
}
