using PeerFlow.Web.Actions;
using PeerFlow.Web.Endpoints;
using PeerFlow.Web.Rendering;

namespace PeerFlow.Web.Pages;

/// <summary>A coordinator's caseload at a glance: what is overdue, due soon, waiting, active, and mentors' load.</summary>
public sealed partial class Dashboard
{
    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        new("DashboardPage", "GET", "/dashboard", GetAsync, Audience.Staff),
    ];

    private static async Task<IResult> GetAsync(string? scheme, HttpContext http, Caseload caseload, TimeProvider time, RefusedPosts refused, PageRenderer pages, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var view = await caseload.LoadAsync(string.IsNullOrWhiteSpace(scheme) ? null : scheme, cancellationToken);
        return await pages.RenderAsync<Dashboard>(http, new Dictionary<string, object?>
        {
            [nameof(View)] = view,
            [nameof(Scheme)] = view.Schemes.Any(s => s.Id == scheme) ? scheme : null,
            [nameof(Now)] = now,
            [nameof(RefusedLastDay)] = refused.LastDay(),
        });
    }
}
