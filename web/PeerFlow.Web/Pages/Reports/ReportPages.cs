using PeerFlow.Web.Endpoints;

namespace PeerFlow.Web.Pages.Reports;

/// <summary>The pages under this folder, as endpoints both hosts serve.</summary>
public static class ReportPages
{
    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        .. Index.Endpoints,
        .. Month.Endpoints,
    ];
}
