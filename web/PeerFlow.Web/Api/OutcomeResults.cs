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
        OutcomeKind.Unprocessable => Results.Problem(outcome.Detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: outcome.Title),
        _ => Results.Problem(outcome.Detail, statusCode: StatusCodes.Status409Conflict, title: outcome.Title),
    };
}
