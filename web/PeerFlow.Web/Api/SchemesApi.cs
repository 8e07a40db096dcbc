using PeerFlow.Web.Actions;
using PeerFlow.Web.Endpoints;

namespace PeerFlow.Web.Api;

/// <summary>A scheme's settings that staff change while it runs (the rest come from the organisation file).</summary>
public static class SchemesApi
{
    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        new("GetSchemeNotices", "GET", "/api/schemes/{id}/notices", async (string id, NoticePreferences preferences, CancellationToken ct) =>
            await preferences.GetAsync(id, ct) is { } notices ? Results.Ok(notices) : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such scheme"), Audience.Staff)
        {
            Describe = b => b.WithTags("Schemes").WithSummary("How the scheme's coordinator hears of what can wait, and what waits for the next 09:00 digest.")
                .Produces<SchemeNotices>().ProducesProblem(StatusCodes.Status404NotFound),
        },
        new("SetSchemeNotices", "PUT", "/api/schemes/{id}/notices", async (string id, NoticePreferenceRequest body, NoticePreferences preferences, CancellationToken ct) =>
            (await preferences.SetAsync(id, body, ct)).ToResult(value => Results.Ok(value)), Audience.Staff)
        {
            Describe = b => b.WithTags("Schemes").WithSummary("Chooses one email per event or one digest a day at 09:00 London for the scheme's coordinator; urgent notices never wait.")
                .Produces<SchemeNotices>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound),
        },
    ];
}
