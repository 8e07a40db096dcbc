using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace PeerFlow.Functions.Web;

public static class WebPages
{
    private static readonly string[] ProgramPaths = ["/api", "/dev", "/openapi", "/healthz", "/v3"];

    /// <summary>True for what people read in a browser; false for what programs call.</summary>
    public static bool IsPage(HttpContext context) =>
        !ProgramPaths.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>Server-rendered pages that work without JavaScript; their forms carry an antiforgery token.</summary>
    public static IServiceCollection AddPeerFlowPages(this IServiceCollection services)
    {
        // Razor Pages check the antiforgery token of every POST handler by default.
        services.AddRazorPages();
        services.AddSingleton<Pages.Refer.ReceivedLinks>();

        // Forms report their own missing answers in plain words; no "The X field is required." from nullability.
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true);

        // Names such as "Siobhán" or "Zoë", and dashes, are written as characters, not numeric references.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "peerflow-af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__af";
        });
        return services;
    }
}
