using PeerFlow.Functions.Hosting;

namespace PeerFlow.Functions.Web;

/// <summary>
/// Defence in depth behind App Service Authentication. Easy Auth signs staff in and lets through, unsigned, the paths
/// in infra's <c>publicPaths</c>; it cannot tell methods apart, so an anonymous <c>GET /api/referrals</c> reaches the
/// app, and a mistaken <c>publicPaths</c> would open more. Under the Functions host, then, anything but the public
/// pages needs the principal that Easy Auth sets (and strips from outside requests); without it the answer is 401.
/// Locally nobody signs in and the guard is off.
/// </summary>
public static class StaffGuard
{
    public const string PrincipalNameHeader = "X-MS-CLIENT-PRINCIPAL-NAME";

    private static readonly string[] PublicPrefixes = ["/refer", "/m", "/css", "/status"];

    /// <summary>What anyone may reach: the public pages, their stylesheet, health, and posting a referral.</summary>
    public static bool IsPublic(HttpRequest request)
    {
        var path = request.Path;
        return path.Value is null or "" or "/"
            || path.Equals("/healthz", StringComparison.OrdinalIgnoreCase)
            || PublicPrefixes.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
            || (HttpMethods.IsPost(request.Method) && path.Equals("/api/referrals", StringComparison.OrdinalIgnoreCase));
    }

    public static IApplicationBuilder UseStaffGuard(this IApplicationBuilder app, IConfiguration configuration) =>
        !HostMode.IsFunctionsHost(configuration) ? app : app.Use((context, next) =>
        {
            if (IsPublic(context.Request) || !string.IsNullOrEmpty(context.Request.Headers[PrincipalNameHeader]))
            {
                return next(context);
            }

            // An empty 401: the error handlers turn it into problem details for programs and a page for people.
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        });
}
