using PeerFlow.Domain.Records;
using PeerFlow.Domain.Schemes;
using PeerFlow.Web.Actions;
using PeerFlow.Web.Endpoints;
using PeerFlow.Web.Rendering;
using PeerFlow.Web.SignIn;

namespace PeerFlow.Web.Pages.Matching;

/// <summary>For managers: the month's proposals of mentors the shortlist excluded, with what was set aside and why.</summary>
public sealed partial class MatchOverridesPage
{
    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        new(nameof(MatchOverridesPage), "GET", "/matching/overrides", GetAsync, Audience.Managers),
    ];

    private static async Task<IResult> GetAsync(
        string? month, string? scheme, HttpContext http, MatchOverrides overrides, SchemeAccess schemes, MentorActions mentors, TimeProvider time, PageRenderer pages, CancellationToken cancellationToken)
    {
        var current = Evaluation.MonthOf(time.GetUtcNow().UtcDateTime);
        var chosen = Evaluation.TryParseMonth(month, out var parsed) && parsed <= current ? parsed : current;
        var all = await schemes.SchemesAsync(cancellationToken);
        var chosenScheme = all.Any(s => s.Id == scheme) ? scheme : null;
        var rows = await overrides.ListAsync(Evaluation.Key(chosen), chosenScheme, cancellationToken) ?? [];
        var names = (await mentors.ListAsync(chosenScheme, cancellationToken)).ToDictionary(m => m.Id, m => m.Name);
        return await pages.RenderAsync<MatchOverridesPage>(http, new Dictionary<string, object?>
        {
            [nameof(Month)] = chosen,
            [nameof(Months)] = (IReadOnlyList<DateOnly>)[.. Enumerable.Range(0, 24).Select(i => current.AddMonths(-i))],
            [nameof(Schemes)] = all,
            [nameof(Scheme)] = chosenScheme,
            [nameof(Rows)] = rows,
            [nameof(MentorNames)] = names,
        });
    }
}
