using PeerFlow.Domain.Records;
using PeerFlow.Web.Actions;
using PeerFlow.Web.Endpoints;

namespace PeerFlow.Web.Api;

/// <summary>Matching as managers oversee it, over HTTP; <see cref="MatchOverrides"/> does the work.</summary>
public static class MatchingApi
{
    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        new("ListMatchOverrides", "GET", "/api/matching/overrides", ListAsync, Audience.Managers)
        {
            Describe = b => b.WithTags("Matching").WithSummary("A London month's proposals of mentors the shortlist excluded (month as yyyy-MM), with what was set aside, the reason, who and when.")
                .Produces<IReadOnlyList<MatchOverride>>().ProducesValidationProblem(),
        },
    ];

    private static async Task<IResult> ListAsync(string? month, string? scheme, MatchOverrides overrides, CancellationToken cancellationToken) =>
        month is not null && await overrides.ListAsync(month, scheme, cancellationToken) is { } rows
            ? Results.Ok(rows)
            : Results.ValidationProblem(new Dictionary<string, string[]> { ["month"] = ["Give the month as yyyy-MM, like 2026-12."] });
}
