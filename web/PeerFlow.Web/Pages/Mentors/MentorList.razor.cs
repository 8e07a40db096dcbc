using PeerFlow.Domain.Schemes;
using PeerFlow.Web.Actions;
using PeerFlow.Web.Endpoints;
using PeerFlow.Web.Rendering;
using PeerFlow.Web.SignIn;

namespace PeerFlow.Web.Pages.Mentors;

/// <summary>Every mentor, or one scheme's, with their load against capacity and their checks.</summary>
public sealed partial class MentorList
{
    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        new("MentorListPage", "GET", "/mentors", GetAsync, Audience.Staff),
    ];

    private static async Task<IResult> GetAsync(string? scheme, HttpContext http, MentorActions mentors, SchemeAccess schemes, TimeProvider time, PageRenderer pages, CancellationToken cancellationToken)
    {
        var all = await schemes.SchemesAsync(cancellationToken);
        if (!all.Any(s => s.Id == scheme))
        {
            scheme = null;
        }

        return await pages.RenderAsync<MentorList>(http, new Dictionary<string, object?>
        {
            [nameof(Scheme)] = scheme,
            [nameof(Mentors)] = await mentors.ListAsync(scheme, cancellationToken),
            [nameof(Schemes)] = all,
            [nameof(Today)] = MentorDisplay.Today(time),
        });
    }
}
