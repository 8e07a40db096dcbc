using PeerFlow.Web.Endpoints;

namespace PeerFlow.Web.Pages.Referrals;

/// <summary>The pages under this folder, as endpoints both hosts serve.</summary>
public static class ReferralPages
{
    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        .. Find.Endpoints,
        .. Search.Endpoints,
        .. ReferralList.Endpoints,
        .. ReferralDetails.Endpoints,
        .. SubjectAccessPage.Endpoints,
    ];
}
