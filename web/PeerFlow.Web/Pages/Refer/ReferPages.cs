using PeerFlow.Web.Endpoints;

namespace PeerFlow.Web.Pages.Refer;

/// <summary>The pages under this folder, as endpoints both hosts serve.</summary>
public static class ReferPages
{
    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        .. Index.Endpoints,
        .. Form.Endpoints,
        .. Privacy.Endpoints,
        .. Received.Endpoints,
    ];
}
