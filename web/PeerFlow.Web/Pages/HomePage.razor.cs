using PeerFlow.Web.Endpoints;
using PeerFlow.Web.Rendering;

namespace PeerFlow.Web.Pages;

public sealed partial class HomePage
{
    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        new("HomePage", "GET", "/", (HttpContext http, PageRenderer pages) => pages.RenderAsync<HomePage>(http), Audience.Public),
    ];
}
