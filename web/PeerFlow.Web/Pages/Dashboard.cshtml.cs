using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerFlow.Web.Actions;

namespace PeerFlow.Web.Pages;

public sealed class DashboardModel(Caseload caseload, TimeProvider time) : PageModel
{
    public CaseloadView View { get; private set; } = null!;

    public string? Scheme { get; private set; }

    public DateTime Now { get; private set; }

    public string SchemeName(string id) => View.Schemes.FirstOrDefault(s => s.Id == id)?.Name ?? id;

    /// <summary>Keeps the scheme filter on links to lists.</summary>
    public string WithScheme(string path) =>
        Scheme is null ? path : path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "scheme=" + Uri.EscapeDataString(Scheme);

    public async Task OnGetAsync(string? scheme, CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow().UtcDateTime;
        View = await caseload.LoadAsync(string.IsNullOrWhiteSpace(scheme) ? null : scheme, cancellationToken);
        Scheme = View.Schemes.Any(s => s.Id == scheme) ? scheme : null;
    }
}
