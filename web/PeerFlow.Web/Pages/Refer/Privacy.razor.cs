using PeerFlow.Web.Endpoints;
using PeerFlow.Web.Rendering;

namespace PeerFlow.Web.Pages.Refer;

/// <summary>The privacy notice, in plain words, for anyone referred or referring.</summary>
public sealed partial class Privacy
{
    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        new("ReferPrivacyPage", "GET", "/refer/privacy", (HttpContext http, PageRenderer pages) => pages.RenderAsync<Privacy>(http), Audience.Public),
    ];
}
