using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerFlow.Domain.Records;
using PeerFlow.Web.Actions;
using PeerFlow.Web.Api;

namespace PeerFlow.Web.Pages.Mentors;

public sealed class MentorProfileModel(MentorActions mentors, ApiServices services) : PageModel
{
    public Mentor Mentor { get; private set; } = null!;

    public string SchemeName { get; private set; } = "";

    public DateOnly Today { get; private set; }

    /// <summary>Proposed and active matches first (they hold a place), then the rest, newest first.</summary>
    public IReadOnlyList<MatchRow> Matches { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await mentors.GetAsync(id, cancellationToken) is not { } mentor)
        {
            return NotFound();
        }

        Mentor = mentor;
        SchemeName = (await services.Schemes.GetAsync(mentor.SchemeId, cancellationToken))?.Name ?? mentor.SchemeId;
        Today = MentorDisplay.Today(services.Time);

        // Matches are kept under their referral; the MentorId column finds this mentor's across referrals.
        var matches = await services.Store.Matches.QueryAsync($"MentorId eq '{id.Replace("'", "''", StringComparison.Ordinal)}'", cancellationToken);
        var rows = new List<MatchRow>();
        foreach (var match in matches.Select(m => m.Value))
        {
            var referral = (await services.Store.Referrals.GetAsync(match.ReferralId, "", cancellationToken))?.Value;
            rows.Add(new MatchRow(match, referral?.Reference ?? match.ReferralId));
        }

        Matches = [.. rows.OrderByDescending(r => r.Current).ThenByDescending(r => r.Match.ProposedAt)];
        return Page();
    }

    public sealed record MatchRow(Match Match, string Reference)
    {
        public bool Current => Match.Status is MatchStatus.Proposed or MatchStatus.Active;
    }
}
