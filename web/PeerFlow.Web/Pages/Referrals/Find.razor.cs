using PeerFlow.Web.Api;
using PeerFlow.Web.Endpoints;
using PeerFlow.Web.Rendering;

namespace PeerFlow.Web.Pages.Referrals;

/// <summary>Straight to a referral from the reference someone quotes on the phone, e.g. "FCM-2026-0042".</summary>
public sealed partial class Find
{
    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        new("FindReferralPage", "GET", "/referrals/find", GetAsync, Audience.Staff),
    ];

    private static async Task<IResult> GetAsync(string? reference, HttpContext http, ApiServices services, SignIn.SchemeAccess access, PageRenderer pages, CancellationToken cancellationToken)
    {
        var wanted = reference?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(wanted))
        {
            return Results.Redirect("/referrals");
        }

        // A reference of a scheme the person does not work in is answered as one that does not exist.
        if (await services.Store.References.FindAsync(wanted, cancellationToken) is { } id && await access.MaySeeReferralAsync(id, cancellationToken))
        {
            return Results.Redirect("/referrals/" + Uri.EscapeDataString(id));
        }

        return await pages.RenderAsync<Find>(http, new Dictionary<string, object?> { [nameof(Reference)] = wanted }, statusCode: StatusCodes.Status404NotFound);
    }
}
