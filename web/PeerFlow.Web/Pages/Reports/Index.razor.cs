using PeerFlow.Domain.Schemes;
using PeerFlow.Web.Actions;
using PeerFlow.Web.Endpoints;
using PeerFlow.Web.Rendering;
using PeerFlow.Web.SignIn;

namespace PeerFlow.Web.Pages.Reports;

/// <summary>The monthly reports: a month and scheme to choose, and links to the last year's reports.</summary>
public sealed partial class Index
{
    public const int ChoiceMonths = 24;

    public const int LinkedMonths = 12;

    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        new("ReportsPage", "GET", "/reports", GetAsync, Audience.Staff),
    ];

    public static string Address(DateOnly month, string? scheme) =>
        "/reports/" + Evaluation.Key(month) + (scheme is null ? "" : "?scheme=" + Uri.EscapeDataString(scheme));

    /// <summary>The choice form is a GET form to this page; a valid choice goes on to the report's own address.</summary>
    private static async Task<IResult> GetAsync(
        string? month, string? scheme, HttpContext http, SchemeAccess schemes, TimeProvider time, PageRenderer pages, CancellationToken cancellationToken)
    {
        var all = await schemes.SchemesAsync(cancellationToken);
        var chosenScheme = all.Any(s => s.Id == scheme) ? scheme : null;
        var current = Evaluation.MonthOf(time.GetUtcNow().UtcDateTime);
        if (Evaluation.TryParseMonth(month, out var chosen) && chosen <= current)
        {
            return Results.LocalRedirect(Address(chosen, chosenScheme));
        }

        return await pages.RenderAsync<Index>(http, new Dictionary<string, object?>
        {
            [nameof(Months)] = (IReadOnlyList<DateOnly>)[.. Enumerable.Range(0, ChoiceMonths).Select(i => current.AddMonths(-i))],
            [nameof(Current)] = current,
            [nameof(Selected)] = current.AddMonths(-1),
            [nameof(Schemes)] = all,
            [nameof(Scheme)] = chosenScheme,
        });
    }
}
