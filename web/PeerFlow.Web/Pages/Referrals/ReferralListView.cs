using PeerFlow.Domain.Records;
using PeerFlow.Domain.Schemes;
using PeerFlow.Web.Api;
using PeerFlow.Web.Rendering;

namespace PeerFlow.Web.Pages.Referrals;

/// <summary>
/// Referrals by scheme and stage, a page at a time, each with its person's name (staff know people by name; the list
/// is for staff only, and the names are read by key, the page's rows at once). Open referrals come from open work;
/// closed ones, only when that stage is chosen, from their own partitions. Two presets answer the dashboard's
/// questions: overdue assessments, and who is waiting for a match.
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

    /// <summary>The token of the next page, or null on the last.</summary>
    public string? Next { get; private init; }

    /// <summary>How many referrals the filters match, when cheap to know (open referrals); null for closed ones.</summary>
    public int? Total { get; private init; }

    /// <summary>True when this page is not the first: the summary then says so.</summary>
    public bool LaterPage { get; private init; }

    /// <summary>
    /// A page of the list for the filters asked for; filters that name nothing known are ignored, and so is a token
    /// this list did not give (the first page is shown). Open referrals unless the stage chosen is Closed.
    /// </summary>
    public static async Task<ReferralListView> LoadAsync(ApiServices services, Actions.ReferralListing listing, SignIn.SchemeAccess access, string? scheme, string? stage, string? view, string? continuation, CancellationToken cancellationToken)
    {
        var now = services.Now;
        var schemes = await access.SchemesAsync(cancellationToken);
        scheme = schemes.Any(s => s.Id == scheme) ? scheme : null;
        view = view is OverdueView or WaitingView ? view : null;

        // A preset is a stage with an order of its own; it wins over a stage chosen beside it.
        var chosen = view switch
        {
            OverdueView => ReferralStage.Assessment,
            WaitingView => ReferralStage.Matching,
            _ => Enum.GetValues<ReferralStage>().Cast<ReferralStage?>().FirstOrDefault(s => string.Equals(s.ToString(), stage, StringComparison.OrdinalIgnoreCase)),
        };

        var order = view switch { OverdueView => Actions.ListOrder.MostOverdueFirst, WaitingView => Actions.ListOrder.LongestWaitFirst, _ => Actions.ListOrder.NewestFirst };
        Func<Referral, bool>? where = view == OverdueView ? r => IsOverdue(r, now) : null;
        var page = await listing.PageAsync(scheme, chosen, order, PageSize, continuation, where, cancellationToken)
            ?? (await listing.PageAsync(scheme, chosen, order, PageSize, null, where, cancellationToken))!;

        return new ReferralListView
        {
            Now = now,
            Schemes = schemes,
            Scheme = scheme,
            View = view,
            Stage = chosen?.ToString(),
            Referrals = page.Rows,
            Next = page.Next,
            Total = page.Total,
            LaterPage = !string.IsNullOrEmpty(continuation),
            Names = await services.Store.PeopleIndex.MenteeNamesAsync(page.Rows.Select(r => r.Id), cancellationToken),
        };
    }

    /// <summary>Rows a page shows; each has its person's name, read by key.</summary>
    public const int PageSize = 50;

    /// <summary>The link to the next page, keeping the filters.</summary>
    public string? NextLink => Next is null ? null
        : "/referrals?" + string.Join("&", new[]
        {
            Scheme is null ? null : "scheme=" + Uri.EscapeDataString(Scheme),
            View is null ? (Stage is null ? null : "stage=" + Uri.EscapeDataString(Stage)) : "view=" + Uri.EscapeDataString(View),
            "continuation=" + Uri.EscapeDataString(Next),
        }.Where(p => p is not null));

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
            var count = Total is { } total ? Display.Plural(total, "referral") : Display.Plural(Referrals.Count, "referral") + (Next is null ? "" : " on this page");
            var parts = new List<string> { count + (Scheme is null ? "" : " in " + SchemeName(Scheme)) };
            if (View is null && Enum.TryParse<ReferralStage>(Stage, out var stage))
            {
                parts.Add(Words.Stage(stage).ToLowerInvariant());
            }

            parts.Add(View switch { OverdueView => "most overdue first", WaitingView => "longest wait first", _ when Stage == nameof(ReferralStage.Closed) => "most recently closed first", _ => "newest first" });
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
