namespace PeerFlow.Web.Endpoints;

/// <summary>
/// Headers every answer carries. No referrer: emailed links hold tokens in their path, which must not travel on to
/// another site. No caching of anything but the stylesheet: pages show personal data. No framing, no scripts. HSTS
/// outside Development.
/// </summary>
public static class SecurityHeaders
{
    private const string Policy = "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";

        // In Azure PeerFlow is HTTPS-only: browsers are told to stay on HTTPS for a year, so a first plain-HTTP
        // request on a hostile network cannot be answered by someone else. Never locally, where it is plain HTTP.
        if (context.RequestServices.GetService<IHostEnvironment>() is not { } environment || !environment.IsDevelopment())
        {
            headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
        }

        // The development mail viewer shows emails as they are, with their own inline styles.
        if (!context.Request.Path.StartsWithSegments("/dev"))
        {
            headers.ContentSecurityPolicy = Policy;
        }

        // Written as antiforgery wants it on any page with a form, so that it need not override (and warn about) it.
        if (!context.Request.Path.StartsWithSegments("/css"))
        {
            headers.CacheControl = "no-cache, no-store";
            headers.Pragma = "no-cache";
        }
    }
}
