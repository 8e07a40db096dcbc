using PeerFlow.Web.Actions;
using PeerFlow.Web.Endpoints;
using PeerFlow.Web.Rendering;

namespace PeerFlow.Web.Pages.Schemes;

/// <summary>Where a scheme's coordinator chooses one email per event or a 09:00 digest, and sees what waits for it.</summary>
public sealed partial class SchemeNoticesPage
{
    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        new(nameof(SchemeNoticesPage), "GET", "/schemes/{id}/notices", GetAsync, Audience.Staff),
        new("SchemeNoticesPost", "POST", "/schemes/{id}/notices", PostAsync, Audience.Staff),
    ];

    private static async Task<IResult> GetAsync(string id, string? saved, HttpContext http, NoticePreferences preferences, PageRenderer pages, CancellationToken cancellationToken) =>
        await preferences.GetAsync(id, cancellationToken) is { } notices
            ? await pages.RenderAsync<SchemeNoticesPage>(http, new Dictionary<string, object?> { [nameof(Notices)] = notices, [nameof(Saved)] = saved == "1" })
            : Results.NotFound();

    private static async Task<IResult> PostAsync(string id, HttpContext http, NoticePreferences preferences, PageRenderer pages, CancellationToken cancellationToken)
    {
        if (await PostedForm.ReadAsync(http, cancellationToken) is not { } form)
        {
            return Results.StatusCode(StatusCodes.Status400BadRequest);
        }

        var choice = form["Notices.Digest"];
        var outcome = await preferences.SetAsync(id, new NoticePreferenceRequest(choice switch { "digest" => true, "each" => false, _ => null }), cancellationToken);
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return Results.NotFound();
        }

        if (outcome.Succeeded)
        {
            http.Response.Headers.Location = $"/schemes/{Uri.EscapeDataString(id)}/notices?saved=1";
            return Results.StatusCode(StatusCodes.Status303SeeOther);
        }

        form.ModelState.AddFieldError("Notices.Digest", "Choose one email for each thing, or one email a day.");
        return await pages.RenderAsync<SchemeNoticesPage>(http, new Dictionary<string, object?> { [nameof(Notices)] = await preferences.GetAsync(id, cancellationToken) }, form.ModelState);
    }
}
