using Microsoft.AspNetCore.Mvc;
using PeerFlow.Domain.Links;
using PeerFlow.Web.Actions;

using PeerFlow.Web.Endpoints;

namespace PeerFlow.Web.Api;

/// <summary>Feedback as a mentor or mentee gives it through their link: the link says who they are.</summary>
public sealed record LinkFeedback(int Helpfulness, [property: PeerFlow.Domain.Text.MultiLine] string? Comments, bool QuoteConsent = false);

/// <summary>A mentee's scores on the scheme's outcome scale, 1 to 5 by statement id, as their link gives them.</summary>
public sealed record OutcomeScores(IReadOnlyDictionary<string, int>? Scores);

/// <summary>The signed-link actions over HTTP, for clients other than the pages at /m/{action}?t={token}.</summary>
public static class LinksApi
{
    private const string Pattern = "/api/links/{action}/{token}";

    /// <summary>The token in the query string's <c>t</c>, which the Functions host leaves out of request telemetry.</summary>
    private const string QueryPattern = "/api/links/{action}";

    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        new("QueryPeekLink", "GET", QueryPattern, (string action, [FromQuery(Name = PublicUrls.TokenParameter)] string? t, LinkActions links, CancellationToken ct) =>
            PeekAsync(action, t ?? "", links, ct), Audience.Public) { Describe = DescribeQuery },
        new("QueryUseLink", "POST", QueryPattern, (string action, [FromQuery(Name = PublicUrls.TokenParameter)] string? t, HttpRequest request, LinkActions links, CancellationToken ct) =>
            UseAsync(action, t ?? "", request, links, ct), Audience.Public) { Describe = DescribeQuery },
        // The older form, token in the path: recorded in the host's request telemetry, so kept only for clients using it.
        new("PeekLink", "GET", Pattern, PeekAsync, Audience.Public) { Describe = Describe },
        new("UseLink", "POST", Pattern, UseAsync, Audience.Public) { Describe = Describe },
    ];

    private static void Describe(RouteHandlerBuilder endpoint) => endpoint.WithTags("Links").ProducesValidationProblem();

    private static void DescribeQuery(RouteHandlerBuilder endpoint)
    {
        Describe(endpoint);
        endpoint.WithDescription("The link's token is the query string's `t` parameter, as in the emailed link's address.");
    }

    private static async Task<IResult> PeekAsync(string action, string token, LinkActions links, CancellationToken ct) =>
        (await links.PeekAsync(action, token, ct)).ToResult(view => Results.Ok(new { action, ((LinkView)view!).ExpiresAt }));

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
