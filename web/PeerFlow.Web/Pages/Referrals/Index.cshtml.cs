using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Schemes;
using PeerFlow.Web.Api;
using PeerFlow.Web.Rendering;

namespace PeerFlow.Web.Pages.Referrals;

/// <summary>
/// Referrals by scheme and stage, references only: names stay on each referral's own page, where reading them is
/// audit-logged. Two presets answer the dashboard's questions: overdue assessments, and who is waiting for a match.
/// </summary>
public sealed class ReferralListModel(ApiServices services) : PageModel
{
    public const string OverdueView = "overdue";

    public const string WaitingView = "waiting";

    [BindProperty(SupportsGet = true)]
    public string? Scheme { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Stage { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    public IReadOnlyList<Scheme> Schemes { get; private set; } = [];

    public IReadOnlyList<Referral> Referrals { get; private set; } = [];

    public DateTime Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = services.Now;
        Schemes = await services.Schemes.ListAsync(cancellationToken);
        Scheme = Schemes.Any(s => s.Id == Scheme) ? Scheme : null;
        View = View is OverdueView or WaitingView ? View : null;

        // A preset is a stage with an order of its own; it wins over a stage chosen beside it.
        var stage = View switch
        {
            OverdueView => ReferralStage.Assessment,
            WaitingView => ReferralStage.Matching,
            _ => Enum.GetValues<ReferralStage>().Cast<ReferralStage?>().FirstOrDefault(s => string.Equals(s.ToString(), Stage, StringComparison.OrdinalIgnoreCase)),
        };
        Stage = stage?.ToString();

        var filters = new List<string>();
        if (Scheme is not null)
        {
            filters.Add($"SchemeId eq '{Scheme.Replace("'", "''", StringComparison.Ordinal)}'");
        }

        if (stage is not null)
        {
            filters.Add($"Stage eq '{stage}'");
        }

        var rows = (await services.Store.Referrals.QueryAsync(filters.Count == 0 ? null : string.Join(" and ", filters), cancellationToken)).Select(r => r.Value);
        Referrals = View switch
        {
            OverdueView => [.. rows.Where(IsOverdue).OrderBy(r => r.AssessmentDueAt)],
            WaitingView => [.. rows.OrderBy(r => InStageSince(r) ?? DateTime.MaxValue)],
            _ => [.. rows.OrderByDescending(r => r.ReceivedAt)],
        };
    }

    public bool IsOverdue(Referral referral) => referral.Stage == ReferralStage.Assessment && referral.AssessmentDueAt is { } due && due <= Now;

    /// <summary>
    /// When the referral entered its current stage, as far as its record tells: the workflow keeps the exact moment to
    /// itself, and a closing referral records no date until it closes.
    /// </summary>
    public static DateTime? InStageSince(Referral referral) => referral.Stage switch
    {
        ReferralStage.Assessment when referral.Outcome == AssessmentOutcome.Deferred && referral.RecontactOn is { } back => back.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        ReferralStage.Assessment => referral.ReceivedAt,
        ReferralStage.Deferred => referral.AssessedAt,
        ReferralStage.Matching => referral.AssessedAt ?? referral.ReceivedAt,
        ReferralStage.Active => referral.MatchedAt,
        ReferralStage.Closed => referral.ClosedAt,
        _ => null,
    };

    public string SchemeName(string id) => Schemes.FirstOrDefault(s => s.Id == id)?.Name ?? id;

    /// <summary>"12 referrals in Peer Link, waiting for a match, newest first".</summary>
    public string Summary
    {
        get
        {
            var parts = new List<string> { Display.Plural(Referrals.Count, "referral") + (Scheme is null ? "" : " in " + SchemeName(Scheme)) };
            if (View is null && Enum.TryParse<ReferralStage>(Stage, out var stage))
            {
                parts.Add(Words.Stage(stage).ToLowerInvariant());
            }

            parts.Add(View switch { OverdueView => "most overdue first", WaitingView => "longest wait first", _ => "newest first" });
            return string.Join(", ", parts) + ".";
        }
    }

    public string Heading => View switch
    {
        OverdueView => "Overdue assessments",
        WaitingView => "Waiting for a match",
        _ => "Referrals",
    };
}
