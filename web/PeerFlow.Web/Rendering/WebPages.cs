namespace PeerFlow.Web.Rendering;

public static class WebPages
{
    private static readonly string[] ProgramPaths = ["/api", "/dev", "/openapi", "/healthz", "/v3"];

    /// <summary>True for what people read in a browser; false for what programs call.</summary>
    public static bool IsPage(HttpContext context) => IsPagePath(context.Request.Path);

    public static bool IsPagePath(PathString path) =>
        !ProgramPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));
}
