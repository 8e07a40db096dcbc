using PeerFlow.Web.Actions;

namespace PeerFlow.Web.Api;

/// <summary>Outcomes as HTTP answers: problem details (RFC 7807) for everything that did not happen.</summary>
public static class OutcomeResults
{
    public static IResult ToResult(this ActionOutcome outcome, Func<object?, IResult>? done = null) => outcome.Kind switch
    {
        OutcomeKind.Done => done?.Invoke(outcome.Value) ?? Results.NoContent(),
        OutcomeKind.Invalid => Results.ValidationProblem(outcome.Errors!, title: outcome.Title),
        OutcomeKind.NotFound => Results.Problem(outcome.Detail, statusCode: StatusCodes.Status404NotFound, title: outcome.Title),
        OutcomeKind.Gone => Results.Problem(outcome.Detail, statusCode: StatusCodes.Status410Gone, title: outcome.Title),
        OutcomeKind.TooMany => new RetryAfter((TimeSpan)outcome.Value!, Results.Problem(outcome.Detail, statusCode: StatusCodes.Status429TooManyRequests, title: outcome.Title)),
        OutcomeKind.Unprocessable => Results.Problem(outcome.Detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: outcome.Title),
        _ => Results.Problem(outcome.Detail, statusCode: StatusCodes.Status409Conflict, title: outcome.Title),
    };
}

/// <summary>An answer with a Retry-After header, in whole seconds (at least one).</summary>
public sealed class RetryAfter(TimeSpan wait, IResult inner) : IResult
{
    public static string Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers.RetryAfter = Seconds(wait);
        return inner.ExecuteAsync(httpContext);
    }
}
