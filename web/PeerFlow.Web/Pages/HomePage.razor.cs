using PeerFlow.Web.Endpoints;
using PeerFlow.Web.Rendering;

namespace PeerFlow.Web.Pages;

public sealed partial class HomePage
{
    /// <summary>
    /// The start page, at "/". An HTTP function cannot have an empty route (Azure/Azure-Functions issue 2473), so the
    /// route is an optional parameter that must stay empty: it matches only "/", the same in both hosts.
    /// </summary>
    public const string Pattern = "/{home:maxlength(0)?}";

    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        new("HomePage", "GET", Pattern, (HttpContext http, PageRenderer pages) => pages.RenderAsync<HomePage>(http), Audience.Public),
    ];
}
