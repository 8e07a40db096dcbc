using PeerFlow.Domain.Schemes;
using PeerFlow.Web.Actions;
using PeerFlow.Web.Endpoints;
using PeerFlow.Web.Rendering;
using PeerFlow.Web.SignIn;

namespace PeerFlow.Web.Pages.Reports;

/// <summary>One month's report, for every scheme or one.</summary>
public sealed partial class Month
{
    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        new("ReportMonthPage", "GET", "/reports/{month}", GetAsync, Audience.Staff),
        new("RegenerateReportPost", "POST", "/reports/{month}/regenerate", RegenerateAsync, Audience.Managers),
    ];

    /// <summary>A manager's "generate again": an ended month's stored report of one scheme, computed from today's records.</summary>
    private static async Task<IResult> RegenerateAsync(string month, string? scheme, HttpContext http, Evaluation evaluation, SchemeAccess schemes, CancellationToken cancellationToken)
    {
        if (await PostedForm.ReadAsync(http, cancellationToken) is null)
        {
            return Results.StatusCode(StatusCodes.Status400BadRequest);
        }

        if (!Evaluation.TryParseMonth(month, out var chosen) || scheme is null || await schemes.SchemeAsync(scheme, cancellationToken) is null
            || await evaluation.ReportAsync(chosen, scheme, cancellationToken, regenerate: true) is not { SoFar: false })
        {
            return Results.NotFound();
        }

        return Results.Redirect(Index.Address(chosen, scheme) + "&done=regenerated");
    }

    private static async Task<IResult> GetAsync(
        string month, string? scheme, string? format, string? done, HttpContext http, Evaluation evaluation, SchemeAccess schemes, PageRenderer pages, CancellationToken cancellationToken)
    {
        // "yyyy-MM" only: anything else under /reports is not a page.
        if (!Evaluation.TryParseMonth(month, out var chosen))
        {
            return Results.NotFound();
        }

        // An unknown scheme is ignored, as on the other staff pages, rather than giving an empty report.
        var all = await schemes.SchemesAsync(cancellationToken);
        var shown = all.Any(s => s.Id == scheme) ? scheme : null;
        if (await evaluation.ReportAsync(chosen, shown, cancellationToken) is not { } report)
        {
            return Results.NotFound();
        }

        var file = $"peerflow-report-{Evaluation.Key(chosen)}{(shown is null ? "" : "-" + shown)}";
        switch (format)
        {
            case "csv":
                return Results.File(await ReportExport.CsvAsync(report, all), ReportExport.CsvType + "; charset=utf-8", file + ".csv");
            case "xlsx":
                return Results.File(await ReportExport.XlsxAsync(report, all), ReportExport.XlsxType, file + ".xlsx");
            case null or "" or "html":
                break;
            default:
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown format", detail: "format is csv, xlsx or html.");
        }

        return await pages.RenderAsync<Month>(http, new Dictionary<string, object?>
        {
            [nameof(Report)] = report,
            [nameof(Scheme)] = shown,
            [nameof(Schemes)] = all,
            [nameof(CanRegenerate)] = StaffRoles.Check(Audience.Managers, http.User) == StatusCodes.Status200OK,
            [nameof(Done)] = done,
        });
    }
}
