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

    private static async Task<IResult> GetAsync(string? scheme, HttpContext http, Caseload caseload, TimeProvider time, RefusedPosts refused, Api.ApiServices services, PageRenderer pages, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var view = await caseload.LoadAsync(string.IsNullOrWhiteSpace(scheme) ? null : scheme, cancellationToken);
        return await pages.RenderAsync<Dashboard>(http, new Dictionary<string, object?>
        {
            [nameof(View)] = view,
            [nameof(Scheme)] = view.Schemes.Any(s => s.Id == scheme) ? scheme : null,
            [nameof(Now)] = now,
            [nameof(RefusedLastDay)] = refused.LastDay(),
            [nameof(Held)] = await HeldAsync(view, scheme, services, cancellationToken),
        });
    }

    /// <summary>What waits for each shown scheme's 09:00 digest: one partition each.</summary>
    private static async Task<IReadOnlyList<(string SchemeId, IReadOnlyList<Domain.Notices.DigestItem> Items)>> HeldAsync(
        CaseloadView view, string? scheme, Api.ApiServices services, CancellationToken cancellationToken)
    {
        var shown = view.Schemes.Where(s => string.IsNullOrWhiteSpace(scheme) || s.Id == scheme).Select(s => s.Id).ToList();
        var items = await Task.WhenAll(shown.Select(id => services.Store.Digest.WaitingAsync(id, cancellationToken)));
        return [.. shown.Zip(items).Where(p => p.Second.Count > 0)];
    }
}
