using System.Text.RegularExpressions;
using PeerFlow.Web.Endpoints;

namespace PeerFlow.Hosting.Tests;

/// <summary>
/// What Easy Auth lets through unsigned (infra/main.bicep's publicPaths) and what PeerFlow's endpoints say is public
/// agree: a public page behind sign-in turns the public away, a staff address in publicPaths leaves only the app's
/// own check in front of it.
/// </summary>
public partial class PublicPathTests
{
    private static readonly IReadOnlyList<string> PublicPaths = ReadPublicPaths();

    [Fact]
    public void EveryPublicEndpoint_IsLetThroughByEasyAuth()
    {
        var blocked = PeerFlowEndpoints.All
            .Where(e => e.Audience == Audience.Public)
            .Where(e => !PublicPaths.Any(p => Covers(p, RouteSamples.Address(e.Pattern))))
            .Select(e => $"{e.Name} ({e.Pattern})");

        Assert.Empty(blocked);
    }

    [Fact]
    public void NoStaffEndpoint_IsLetThroughByEasyAuth_ButTheIntakeAddressItShares()
    {
        // POST /api/referrals is public (referrer systems) and GET lists referrals (staff): Easy Auth cannot tell
        // methods apart, so the app's own role check guards the GET.
        var open = PeerFlowEndpoints.All
            .Where(e => e.Audience != Audience.Public && e.Pattern != "/api/referrals")
            .Where(e => PublicPaths.Any(p => Covers(p, RouteSamples.Address(e.Pattern))))
            .Select(e => $"{e.Name} ({e.Pattern})");

        Assert.Empty(open);
        Assert.Contains("/api/referrals", PublicPaths);
    }

    /// <summary>Easy Auth's rule: an exact path, or a prefix ending in /*.</summary>
    private static bool Covers(string publicPath, string path) =>
        publicPath.EndsWith("/*", StringComparison.Ordinal)
            ? path.StartsWith(publicPath[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(publicPath, path, StringComparison.OrdinalIgnoreCase);

    private static List<string> ReadPublicPaths()
    {
        var bicep = File.ReadAllText(Path.Combine(PackageTests.Package.RepositoryRoot, "infra", "main.bicep"));
        var list = ParamList().Match(bicep);
        Assert.True(list.Success, "infra/main.bicep has no publicPaths parameter");
        return [.. Quoted().Matches(list.Groups[1].Value).Select(m => m.Groups[1].Value)];
    }

    [GeneratedRegex(@"param publicPaths string\[\] = \[(.*?)\]", RegexOptions.Singleline)]
    private static partial Regex ParamList();

    [GeneratedRegex(@"'([^']*)'")]
    private static partial Regex Quoted();
}
