using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerFlow.Domain.Schemes;

namespace PeerFlow.Web.Pages.Refer;

/// <summary>The public start page: what peer support is, who each scheme is for, and the two ways to refer.</summary>
public sealed class IndexModel(SchemeCatalog schemes) : PageModel
{
    public IReadOnlyList<Scheme> Schemes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Schemes = await schemes.ListAsync(cancellationToken);
}
