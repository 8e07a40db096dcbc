using PeerFlow.Domain.Schemes;
using PeerFlow.Web.Endpoints;
using PeerFlow.Web.Rendering;

namespace PeerFlow.Web.Pages.Refer;

/// <summary>The public start page: what peer support is, who each scheme is for, and the two ways to refer.</summary>
public sealed partial class Index
{
    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        new("ReferStartPage", "GET", "/refer", GetAsync, Audience.Public),
    ];

    private static async Task<IResult> GetAsync(HttpContext http, SchemeCatalog schemes, PageRenderer pages, CancellationToken cancellationToken) =>
        await pages.RenderAsync<Index>(http, new Dictionary<string, object?> { [nameof(Schemes)] = await schemes.ListAsync(cancellationToken) });
}
