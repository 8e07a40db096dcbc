using PeerFlow.Web.Endpoints;

namespace PeerFlow.Web.Pages;

/// <summary>The dashboard, as endpoints both hosts serve.</summary>
public static class DashboardPages
{
    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        .. Dashboard.Endpoints,
    ];
}
