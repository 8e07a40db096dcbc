using PeerFlow.Domain.Matching;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Schemes;
using PeerFlow.Web.Actions;
using PeerFlow.Web.Api;

namespace PeerFlow.Web.Pages.Referrals;

/// <summary>
/// Everything the referral page shows about one referral: who and why, what happened, what is scheduled next, and
/// what its stage's actions need (the shortlist, or the proposal waiting for an answer).
/// </summary>
public sealed class ReferralPageData
{
    public required ReferralView View { get; init; }

    public required Referral Referral { get; init; }

    public Scheme? Scheme { get; init; }

    public Person? Mentee { get; init; }

    public Person? Referrer { get; init; }

    public IReadOnlyDictionary<string, Mentor> Mentors { get; init; } = new Dictionary<string, Mentor>();

    public IReadOnlyList<CheckIn> CheckIns { get; init; } = [];

    public IReadOnlyList<Feedback> Feedback { get; init; } = [];

    public IReadOnlyList<SafeguardingConcern> Concerns { get; init; } = [];

    /// <summary>Notices that did not reach their people and that nobody has dealt with yet.</summary>
    public IReadOnlyList<Domain.Notices.NoticeRecord> Undelivered { get; init; } = [];

    public Shortlist? Shortlist { get; init; }

    /// <summary>The contact log and coordinators' notes, newest first.</summary>
    public IReadOnlyList<CaseNote> Notes { get; init; } = [];

    /// <summary>Every scheme, for naming the schemes of linked referrals.</summary>
    public IReadOnlyList<Scheme> Schemes { get; init; } = [];

    /// <summary>Other referrals of possibly the same person, found at intake, in the schemes the person works in.</summary>
    public IReadOnlyList<PersonLink> SamePerson { get; init; } = [];

    public Match? Proposal { get; init; }

    public DateTime Now { get; init; }

    public string MentorName(string? id) => id is not null && Mentors.TryGetValue(id, out var m) ? m.Name : "a mentor";

    /// <summary>The referral as it is now, or null when there is no such referral.</summary>
    public static async Task<ReferralPageData?> LoadAsync(string id, ApiServices services, ReferralActions actions, SignIn.SchemeAccess access, CancellationToken cancellationToken)
    {
        var referral = (await services.Store.Referrals.GetAsync(id, "", cancellationToken))?.Value;
        if (referral is null)
        {
            return null;
        }

        var view = await ReferralView.ForAsync(referral, services, cancellationToken);
        var scheme = await services.Schemes.GetAsync(referral.SchemeId, cancellationToken);
        var people = (await services.Store.People.PartitionAsync(id, cancellationToken)).Select(p => p.Value).ToList();
        var checkIns = (await services.Store.CheckIns.PartitionAsync(id, cancellationToken)).Select(c => c.Value).OrderByDescending(c => c.At).Take(10).ToList();
        var feedback = (await services.Store.Feedback.PartitionAsync(id, cancellationToken)).Select(f => f.Value).ToList();
        var concerns = (await services.Store.Concerns.PartitionAsync(id, cancellationToken)).Select(c => c.Value with { Id = c.RowKey })
            .OrderByDescending(c => c.IsOpen).ThenByDescending(c => c.At).ToList();
        var undelivered = (await services.Store.Notices.PartitionAsync(id, cancellationToken)).Select(n => n.Value)
            .Where(n => n.State == Domain.Notices.NoticeState.Undelivered).OrderBy(n => n.Order, StringComparer.Ordinal).ToList();
        var notes = (await services.Store.CaseNotes.PartitionAsync(id, cancellationToken)).Select(n => n.Value).OrderByDescending(n => n.At).ToList();
        // A link to another scheme's referral would be that scheme's data (its reference): shown only to its staff.
        var visible = await access.SchemeIdsAsync(null, cancellationToken);
        var links = (await services.Store.PersonLinks.PartitionAsync(id, cancellationToken)).Select(l => l.Value)
            .Where(l => visible.Contains(l.OtherSchemeId)).OrderByDescending(l => l.FoundAt).ToList();
        var mentorIds = view.Matches.Select(m => m.MentorId).ToHashSet();
        Match? proposal = null;
        Shortlist? shortlist = null;
        if (referral.Stage == ReferralStage.Matching)
        {
            proposal = view.Matches.LastOrDefault(m => m.Status == MatchStatus.Proposed);
            if (proposal is null && (await actions.ShortlistAsync(id, cancellationToken)).Value is Shortlist found)
            {
                shortlist = found;
                mentorIds.UnionWith(found.Candidates.Select(c => c.MentorId));
                mentorIds.UnionWith(found.Excluded.Select(e => e.MentorId));
            }
        }

        var mentors = new Dictionary<string, Mentor>();
        foreach (var mentorId in mentorIds)
        {
            if ((await services.Store.Mentors.GetAsync("mentor", mentorId, cancellationToken))?.Value is { } mentor)
            {
                mentors[mentorId] = mentor;
            }
        }

        return new ReferralPageData
        {
            View = view,
            Referral = referral,
            Scheme = scheme,
            Mentee = people.FirstOrDefault(p => p.Role == PersonRole.Mentee),
            Referrer = people.FirstOrDefault(p => p.Role == PersonRole.Referrer),
            Mentors = mentors,
            CheckIns = checkIns,
            Feedback = feedback,
            Concerns = concerns,
            Undelivered = undelivered,
            Shortlist = shortlist,
            Notes = notes,
            SamePerson = links,
            Schemes = links.Count == 0 ? [] : await access.SchemesAsync(cancellationToken),
            Proposal = proposal,
            Now = services.Now,
        };
    }
}
