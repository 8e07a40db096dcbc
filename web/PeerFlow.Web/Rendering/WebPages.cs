using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace PeerFlow.Web.Rendering;

public static class WebPages
{
    private static readonly string[] ProgramPaths = ["/api", "/dev", "/openapi", "/healthz", "/v3"];

    /// <summary>True for what people read in a browser; false for what programs call.</summary>
    public static bool IsPage(HttpContext context) => IsPagePath(context.Request.Path);

    public static bool IsPagePath(PathString path) =>
        !ProgramPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>The pages not yet drawn as components: Razor Pages, in the local host only, while they move.</summary>
    public static IServiceCollection AddPeerFlowRazorPages(this IServiceCollection services)
    {
        services.AddRazorPages();

        // Forms report their own missing answers in plain words; no "The X field is required." from nullability.
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true);
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return services;
    }
}
