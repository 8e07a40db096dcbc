using System.Text.RegularExpressions;
using PeerFlow.Web.Endpoints;

namespace PeerFlow.Hosting.Tests;

/// <summary>
/// The Functions host does not rank a literal route ("mentors/new") above a parameter ("mentors/{id}") as ASP.NET
/// Core does (azure-functions-host issue 9876): no endpoint may match another's fixed address, whatever the order.
/// </summary>
public partial class RouteOrderTests
{
    [Fact]
    public void NoEndpoint_MatchesTheFixedAddressOfAnotherOfItsMethod()
    {
        var clashes =
            from fixedOne in PeerFlowEndpoints.All
            where !fixedOne.Pattern.Contains('{', StringComparison.Ordinal)
            from other in PeerFlowEndpoints.All
            where other != fixedOne && other.Method == fixedOne.Method && Matches(other.Pattern, fixedOne.Pattern)
            select $"{other.Method} {other.Pattern} also matches {fixedOne.Pattern} ({fixedOne.Name})";

        Assert.Empty(clashes);
    }

    [Theory]
    [InlineData("/mentors/{id}", "/mentors/new", true)]
    [InlineData("/mentors/{id:regex(^(?!new$))}", "/mentors/new", false)]
    [InlineData("/mentors/{id:regex(^(?!new$))}", "/mentors/m-123", true)]
    [InlineData("/status/{code:int}", "/status/x", false)]
    [InlineData("/{home:maxlength(0)?}", "/", true)]
    [InlineData("/{home:maxlength(0)?}", "/refer", false)]
    public void TheMatcher_ReadsPatternsAsRoutingDoes(string pattern, string path, bool matches) => Assert.Equal(matches, Matches(pattern, path));

    /// <summary>Whether a route pattern matches a path: literal or single-parameter segments, with int, regex and maxlength.</summary>
    private static bool Matches(string pattern, string path)
    {
        var parts = pattern.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var required = parts.Count(p => !p.EndsWith("?}", StringComparison.Ordinal));
        if (segments.Length < required || segments.Length > parts.Length)
        {
            return false;
        }

        for (var i = 0; i < segments.Length; i++)
        {
            if (Parameter().Match(parts[i]) is not { Success: true } parameter)
            {
                if (!string.Equals(parts[i], segments[i], StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }

                continue;
            }

            var constraint = parameter.Groups["constraint"].Value;
            var value = segments[i];
            var ok = constraint switch
            {
                "" => true,
                "int" => int.TryParse(value, out _),
                _ when constraint.StartsWith("regex(", StringComparison.Ordinal) =>
                    Regex.IsMatch(value, constraint["regex(".Length..^1], RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)),
                _ when constraint.StartsWith("maxlength(", StringComparison.Ordinal) => value.Length <= int.Parse(constraint["maxlength(".Length..^1], System.Globalization.CultureInfo.InvariantCulture),
                _ => throw new InvalidOperationException($"A constraint this test does not know: {constraint}"),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(@"^\{(?<name>\w+)(:(?<constraint>.+?))?\??\}$")]
    private static partial Regex Parameter();
}
