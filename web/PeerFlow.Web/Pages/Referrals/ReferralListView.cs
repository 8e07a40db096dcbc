using PeerFlow.Domain.Records;
using PeerFlow.Domain.Schemes;
using PeerFlow.Web.Api;
using PeerFlow.Web.Rendering;

namespace PeerFlow.Web.Pages.Referrals;

/// <summary>
/// Referrals by scheme and stage, each with its person's name (staff know people by name; the list is for staff only,
/// and the names are read by key, the page's rows at once). Two presets answer the dashboard's questions: overdue
/// assessments, and who is waiting for a match.
/// </summary>
public sealed class ReferralListView
{
    public const string OverdueView = "overdue";

    public const string WaitingView = "waiting";

    /// <summary>The scheme filtered on: a known scheme's id, or null.</summary>
    public string? Scheme { get; private init; }

    /// <summary>The stage filtered on, as its name, or null.</summary>
    public string? Stage { get; private init; }

    /// <summary>The preset, or null.</summary>
    public string? View { get; private init; }

    public IReadOnlyList<Scheme> Schemes { get; private init; } = [];

    public IReadOnlyList<Referral> Referrals { get; private init; } = [];

    public DateTime Now { get; private init; }

    /// <summary>The person's name of each listed referral, by referral id.</summary>
    public IReadOnlyDictionary<string, string> Names { get; private init; } = new Dictionary<string, string>();

    /// <summary>The list for the filters asked for; filters that name nothing known are ignored.</summary>
    public static async Task<ReferralListView> LoadAsync(ApiServices services, string? scheme, string? stage, string? view, CancellationToken cancellationToken)
    {
        var now = services.Now;
        var schemes = await services.Schemes.ListAsync(cancellationToken);
        scheme = schemes.Any(s => s.Id == scheme) ? scheme : null;
        view = view is OverdueView or WaitingView ? view : null;

        // A preset is a stage with an order of its own; it wins over a stage chosen beside it.
        var chosen = view switch
        {
            OverdueView => ReferralStage.Assessment,
            WaitingView => ReferralStage.Matching,
            _ => Enum.GetValues<ReferralStage>().Cast<ReferralStage?>().FirstOrDefault(s => string.Equals(s.ToString(), stage, StringComparison.OrdinalIgnoreCase)),
        };

        var filters = new List<string>();
        if (scheme is not null)
        {
            filters.Add($"SchemeId eq '{scheme.Replace("'", "''", StringComparison.Ordinal)}'");
        }

        if (chosen is not null)
        {
            filters.Add($"Stage eq '{chosen}'");
        }

        var rows = (await services.Store.Referrals.QueryAsync(filters.Count == 0 ? null : string.Join(" and ", filters), cancellationToken)).Select(r => r.Value).ToList();
        var list = new ReferralListView
        {
            Now = now,
            Schemes = schemes,
            Scheme = scheme,
            View = view,
            Stage = chosen?.ToString(),
            Referrals = view switch
            {
                OverdueView => [.. rows.Where(r => IsOverdue(r, now)).OrderBy(r => r.AssessmentDueAt)],
                WaitingView => [.. rows.OrderBy(r => InStageSince(r) ?? DateTime.MaxValue)],
                _ => [.. rows.OrderByDescending(r => r.ReceivedAt)],
            },
        };

        // Until the list is paged (issue 20), names are read for its first rows only: one read by key each, at once.
        return new ReferralListView
        {
            Now = list.Now, Schemes = list.Schemes, Scheme = list.Scheme, View = list.View, Stage = list.Stage, Referrals = list.Referrals,
            Names = await services.Store.PeopleIndex.MenteeNamesAsync(list.Referrals.Take(NamedRows).Select(r => r.Id), cancellationToken),
        };
    }

    /// <summary>How many rows of the list show a name.</summary>
    public const int NamedRows = 200;

    public bool IsOverdue(Referral referral) => IsOverdue(referral, Now);

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

    private static bool IsOverdue(Referral referral, DateTime now) => referral.Stage == ReferralStage.Assessment && referral.AssessmentDueAt is { } due && due <= now;
}
