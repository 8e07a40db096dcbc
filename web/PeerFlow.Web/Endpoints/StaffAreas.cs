namespace PeerFlow.Web.Endpoints;

/// <summary>
/// For a request no endpoint claims (an unknown path, a development tool): the public areas' prefixes, so that a
/// mistyped public address answers 404 to anyone while anything else stays behind sign-in.
/// </summary>
public static class StaffAreas
{
    private static readonly string[] PublicPrefixes = ["/refer", "/m", "/css", "/status"];

    public static bool IsPublic(HttpRequest request)
    {
        var path = request.Path;
        return path.Value is null or "" or "/"
            || path.Equals("/healthz", StringComparison.OrdinalIgnoreCase)
            || PublicPrefixes.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));
    }
}
