using PeerFlow.Web.Endpoints;
using PeerFlow.Web.Rendering;

namespace PeerFlow.Web.Pages;

public sealed partial class StatusPage
{
    /// <summary>The status pages at their own address too, so that an error page can be linked and checked.</summary>
    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        new("StatusPage", "GET", "/status/{code:int}", (int code, HttpContext http, PageRenderer pages) =>
            pages.RenderAsync<StatusPage>(http, new Dictionary<string, object?> { [nameof(Code)] = code }, statusCode: code is >= 400 and < 600 ? code : StatusCodes.Status200OK), Audience.Public),
    ];
}
