using PeerFlow.Web.Actions;

using PeerFlow.Web.Endpoints;

namespace PeerFlow.Web.Api;

/// <summary>Feedback as a mentor or mentee gives it through their link: the link says who they are.</summary>
public sealed record LinkFeedback(int Helpfulness, [property: PeerFlow.Domain.Text.MultiLine] string? Comments, bool QuoteConsent = false);

/// <summary>A mentee's scores on the scheme's outcome scale, 1 to 5 by statement id, as their link gives them.</summary>
public sealed record OutcomeScores(IReadOnlyDictionary<string, int>? Scores);

/// <summary>The signed-link actions over HTTP, for clients other than the pages at /m/{action}/{token}.</summary>
public static class LinksApi
{
    private const string Pattern = "/api/links/{action}/{token}";

    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        new("PeekLink", "GET", Pattern, async (string action, string token, LinkActions links, CancellationToken ct) =>
            (await links.PeekAsync(action, token, ct)).ToResult(view => Results.Ok(new { action, ((LinkView)view!).ExpiresAt })), Audience.Public) { Describe = Describe },
        new("UseLink", "POST", Pattern, UseAsync, Audience.Public) { Describe = Describe },
    ];

    private static void Describe(RouteHandlerBuilder endpoint) => endpoint.WithTags("Links").ProducesValidationProblem();

    public static async Task<IResult> UseAsync(string action, string token, HttpRequest request, LinkActions links, CancellationToken cancellationToken)
    {
        // The link first: without a good one, nobody's body is read, so a made-up token learns nothing from it.
        if (await links.PeekAsync(action, token, cancellationToken) is { Succeeded: false } refused)
        {
            return refused.ToResult();
        }

        // Only the body the link's action needs is read; anything else is ignored.
        CheckInRequest? checkIn = null;
        LinkFeedback? feedback = null;
        if (action == "checkin")
        {
            (checkIn, var problem) = await JsonBody.ReadAsync<CheckInRequest>(request, "check-in", cancellationToken);
            if (problem is not null)
            {
                return problem;
            }
        }
        else if (action.EndsWith("-feedback", StringComparison.Ordinal))
        {
            (feedback, var problem) = await JsonBody.ReadAsync<LinkFeedback>(request, "feedback", cancellationToken);
            if (problem is not null)
            {
                return problem;
            }
        }

        OutcomeScores? scores = null;
        if (action == "mentee-outcomes")
        {
            (scores, var problem) = await JsonBody.ReadAsync<OutcomeScores>(request, "outcome scores", cancellationToken);
            if (problem is not null)
            {
                return problem;
            }
        }

        // A decline may say why; an empty body, as every decline sent before, still declines.
        DeclineRequest? decline = null;
        if (action == "decline" && (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0))
        {
            (decline, var problem) = await JsonBody.ReadAsync<DeclineRequest>(request, "decline", cancellationToken);
            if (problem is not null)
            {
                return problem;
            }
        }

        return (await links.UseAsync(action, token, checkIn, feedback, cancellationToken, decline, scores: scores)).ToResult(_ => Results.Accepted());
    }
}
