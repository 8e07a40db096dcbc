using PeerFlow.Domain.Records;
using PeerFlow.Web.Actions;
using PeerFlow.Web.Api;
using PeerFlow.Web.Endpoints;
using PeerFlow.Web.Rendering;

namespace PeerFlow.Web.Pages.Mentors;

/// <summary>One mentor: their load and checks, their details, and their matches.</summary>
public sealed partial class MentorProfile
{
    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        // The Functions host tries routes in function-name order, not by ASP.NET's precedence (azure-functions-host
        // issue 9876): the id must refuse "new", or "Add a mentor" would open as a profile.
        new("MentorProfilePage", "GET", "/mentors/{id:regex(^(?!new$))}", GetAsync, Audience.Staff),
    ];

    private static async Task<IResult> GetAsync(string id, HttpContext http, MentorActions mentors, ApiServices services, PageRenderer pages, CancellationToken cancellationToken)
    {
        if (await mentors.GetAsync(id, cancellationToken) is not { } mentor)
        {
            return Results.NotFound();
        }

        var schemeName = (await services.Schemes.GetAsync(mentor.SchemeId, cancellationToken))?.Name ?? mentor.SchemeId;

        // Matches are kept under their referral, and again under their mentor by the same writes.
        var matches = await services.Store.MatchesByMentor.InAsync(id, cancellationToken);
        var rows = new List<MatchRow>();
        foreach (var match in matches)
        {
            var referral = (await services.Store.Referrals.GetAsync(match.ReferralId, "", cancellationToken))?.Value;
            rows.Add(new MatchRow(match, referral?.Reference ?? match.ReferralId));
        }

        var names = await services.Store.PeopleIndex.MenteeNamesAsync(rows.Select(r => r.Match.ReferralId), cancellationToken);
        rows = [.. rows.Select(r => r with { Name = names.GetValueOrDefault(r.Match.ReferralId) })];

        return await pages.RenderAsync<MentorProfile>(http, new Dictionary<string, object?>
        {
            [nameof(Mentor)] = mentor,
            [nameof(SchemeName)] = schemeName,
            [nameof(Today)] = MentorDisplay.Today(services.Time),
            [nameof(Matches)] = (IReadOnlyList<MatchRow>)[.. rows.OrderByDescending(r => r.Current).ThenByDescending(r => r.Match.ProposedAt)],
        });
    }

    public sealed record MatchRow(Match Match, string Reference)
    {
        /// <summary>The family's person, as staff know them.</summary>
        public string? Name { get; init; }

        public bool Current => Match.Status is MatchStatus.Proposed or MatchStatus.Active;
    }
}
