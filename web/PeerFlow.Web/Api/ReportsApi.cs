using PeerFlow.Web.Actions;
using PeerFlow.Web.Endpoints;

namespace PeerFlow.Web.Api;

/// <summary>The monthly report's figures for programs; the same definitions as the page (docs/reports.md).</summary>
public static class ReportsApi
{
    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        new("GetReport", "GET", "/api/reports/{scheme}/{month}", GetAsync, Audience.Staff)
        {
            Describe = b => b.WithTags("Reports").Produces<EvaluationReport>().ProducesProblem(StatusCodes.Status404NotFound),
        },
    ];

    /// <summary>
    /// <paramref name="scheme"/> is a scheme's id, or "all" (the schemes the caller works in); <paramref name="month"/>
    /// is yyyy-MM, not in the future.
    /// </summary>
    private static async Task<IResult> GetAsync(string scheme, string month, Evaluation evaluation, SignIn.SchemeAccess schemes, CancellationToken cancellationToken)
    {
        if (scheme != "all" && await schemes.SchemeAsync(scheme, cancellationToken) is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such scheme", detail: "The scheme is a scheme's id, or all.");
        }

        // Before 2000 nothing was recorded, and year 1 has no London midnight to start from; a future month has no report.
        return Evaluation.TryParseMonth(month, out var chosen) && chosen.Year >= 2000
            && await evaluation.ReportAsync(chosen, scheme == "all" ? null : scheme, cancellationToken) is { } report
            ? Results.Ok(report)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such month", detail: "The month is yyyy-MM, and not in the future.");
    }
}
