using PeerFlow.Domain.Links;
using PeerFlow.Web.Endpoints;
using PeerFlow.Web.Rendering;

namespace PeerFlow.Web.Pages.Links;

/// <summary>Thanks after a link's form is sent. The address says only which kind of form it was.</summary>
public sealed partial class Done
{
    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        new("LinkDonePage", "GET", "/m/done", (string? action, HttpContext http, PageRenderer pages) =>
            pages.RenderAsync<Done>(http, new Dictionary<string, object?> { [nameof(Sent)] = action is { Length: > 0 } slug ? PublicUrls.FromSlug(slug) : null }), Audience.Public),
    ];
}
