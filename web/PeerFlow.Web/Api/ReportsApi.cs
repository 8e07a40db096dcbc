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
        new("RegenerateReport", "POST", "/api/reports/{scheme}/{month}/regenerate", RegenerateAsync, Audience.Managers)
        {
            Describe = b => b.WithTags("Reports").Produces<EvaluationReport>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict),
        },
    ];

    /// <summary>
    /// A manager's "Regenerate from today's records", as the report page's button does it: one scheme's stored report of
    /// an ended month computed again and stored over the old; the answer is the new report.
    /// </summary>
    private static async Task<IResult> RegenerateAsync(string scheme, string month, Evaluation evaluation, SignIn.SchemeAccess schemes, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await schemes.SchemeAsync(scheme, cancellationToken) is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such scheme", detail: "Regenerate one scheme's report at a time, by its id.");
        }

        if (!Evaluation.TryParseMonth(month, out var chosen) || chosen.Year < 2000 || chosen > Evaluation.MonthOf(time.GetUtcNow().UtcDateTime))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such month", detail: "The month is yyyy-MM, and not in the future.");
        }

        if (chosen == Evaluation.MonthOf(time.GetUtcNow().UtcDateTime))
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The month is not over", detail: "The month so far is computed at every view and never stored, so there is nothing to regenerate.");
        }

        return await evaluation.ReportAsync(chosen, scheme, cancellationToken, regenerate: true) is { } report
            ? Results.Ok(report)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such month", detail: "The month is yyyy-MM, and not in the future.");
    }

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
