using PeerFlow.Functions.Actions;

namespace PeerFlow.Functions.Api;

/// <summary>Feedback as a mentor or mentee gives it through their link: the link says who they are.</summary>
public sealed record LinkFeedback(int Helpfulness, string? Comments);

/// <summary>The signed-link actions over HTTP, for clients other than the pages at /m/{action}/{token}.</summary>
public static class LinksApi
{
    public static IEndpointRouteBuilder MapLinksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/links/{action}/{token}").WithTags("Links").ProducesValidationProblem().DisableAntiforgery();
        api.MapGet("/", async (string action, string token, LinkActions links, CancellationToken ct) =>
            (await links.PeekAsync(action, token, ct)).ToResult(view => Results.Ok(new { action, ((LinkView)view!).ExpiresAt })));
        api.MapPost("/", UseAsync);
        return app;
    }

    public static async Task<IResult> UseAsync(string action, string token, HttpRequest request, LinkActions links, CancellationToken cancellationToken)
    {
        // Only the body the link's action needs is read; anything else is ignored.
        CheckInRequest? checkIn = null;
        LinkFeedback? feedback = null;
        if (action == "checkin")
        {
            checkIn = await request.ReadFromJsonAsync<CheckInRequest>(cancellationToken);
        }
        else if (action.EndsWith("-feedback", StringComparison.Ordinal))
        {
            feedback = await request.ReadFromJsonAsync<LinkFeedback>(cancellationToken);
        }

        return (await links.UseAsync(action, token, checkIn, feedback, cancellationToken)).ToResult(_ => Results.Accepted());
    }
}
