namespace PeerFlow.Hosting.Tests;

internal static class RouteSamples
{
    /// <summary>An address a route pattern serves: parameters filled in ("404" where a number is wanted), an optional one left out.</summary>
    public static string Address(string pattern) =>
        "/" + string.Join('/', pattern.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => !s.EndsWith("?}", StringComparison.Ordinal))
            .Select(s => s.StartsWith('{') ? (s.Contains(":int", StringComparison.Ordinal) ? "404" : "x") : s));
}
