using PeerFlow.Web.Endpoints;

namespace PeerFlow.Web.Pages.Links;

/// <summary>The pages under this folder, as endpoints both hosts serve.</summary>
public static class LinkPages
{
    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        .. Link.Endpoints,
        .. Done.Endpoints,
    ];
}
