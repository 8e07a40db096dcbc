using PeerFlow.Domain.Email;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;
using PeerFlow.Web.Api;

namespace PeerFlow.Web.Actions;

/// <summary>A referral waiting for a mentor, and the proposal out for an answer if there is one.</summary>
/// <param name="ProposedAt">When the open proposal was made; null when there is none.</param>
/// <param name="ProposedMentor">The proposal's mentor; null when there is no proposal or the mentor is no longer listed.</param>
public sealed record WaitingReferral(Referral Referral, DateTime Since, DateTime? ProposedAt, Mentor? ProposedMentor);

/// <summary>An active match, with a red-amber-green status and the reason for it in words.</summary>
public sealed record ActiveMatch(Referral Referral, Mentor? Mentor, RagStatus Rag, string Why, DateTime NextCheckInDue);

/// <summary>A safeguarding concern not yet closed by a manager, with its referral.</summary>
public sealed record OpenConcern(Referral Referral, SafeguardingConcern Concern);

/// <summary>
/// A mentee's message (a worry, or a request for another mentor) no coordinator has marked read. Its words stay on the
/// referral's page: lists carry what it is and when.
/// </summary>
public sealed record MenteeMessage(Referral Referral, string NoteId, bool AsksForChange, DateTime At);

/// <summary>A mentor with something wrong in their checks or supervision.</summary>
public sealed record MentorIssue(Mentor Mentor, Domain.Mentors.ComplianceIssue Issue);

/// <summary>A current match (proposed or active) whose mentor's DBS check or training has run out: someone must decide whether it goes on.</summary>
public sealed record MatchToDecide(Referral Referral, Mentor Mentor, Domain.Mentors.ComplianceIssue Issue);

/// <summary>Everything on a coordinator's plate, for one scheme or all.</summary>
public sealed record CaseloadView(
    IReadOnlyList<Scheme> Schemes,
    int AwaitingAssessment,
    IReadOnlyList<Referral> NotYetContacted,
    IReadOnlyList<Alert> Overdue,
    IReadOnlyList<Alert> DueSoon,
    IReadOnlyList<WaitingReferral> Waiting,
    IReadOnlyList<ActiveMatch> Active,
    IReadOnlyList<Mentor> Mentors,
    IReadOnlyList<Mentor> DbsExpiring,
    IReadOnlyList<EmailSendRecord> UnconfirmedEmails,
    IReadOnlyList<UndeliveredNotice> Undelivered,
    IReadOnlyList<Domain.Workflow.StoppedWorkflow> Stopped)
{
    public int OverdueAssessments => Overdue.Count(a => a.Stage == "assessment");

    /// <summary>The name of each listed referral's person, by referral id: staff know people by name, not reference.</summary>
    public IReadOnlyDictionary<string, string> Names { get; init; } = new Dictionary<string, string>();

    /// <summary>Open safeguarding concerns, high severity first, then oldest first: the first thing on the dashboard.</summary>
    public IReadOnlyList<OpenConcern> OpenConcerns { get; init; } = [];

    /// <summary>Mentees' messages not yet marked read, oldest first.</summary>
    public IReadOnlyList<MenteeMessage> MenteeMessages { get; init; } = [];

    /// <summary>Mentors supporting a family whose supervision is overdue at their scheme's cadence, most overdue first.</summary>
    public IReadOnlyList<MentorIssue> SupervisionOverdue { get; init; } = [];

    /// <summary>Current matches whose mentor's DBS check or training has run out.</summary>
    public IReadOnlyList<MatchToDecide> MatchesToDecide { get; init; } = [];

    /// <summary>
    /// Rows each list of referrals on the dashboard shows; its count is of them all, and a link leads to the rest. The
    /// dashboard's cost then follows what it shows, not how much work is open.
    /// </summary>
    public const int Shown = 25;

    /// <summary>Every referral the dashboard shows, for reading their names in one go.</summary>
    public IEnumerable<string> ReferralIds =>
        OpenConcerns.Select(c => c.Referral.Id).Concat(MenteeMessages.Select(m => m.Referral.Id)).Concat(Overdue.Take(Shown).Select(a => a.ReferralId)).Concat(DueSoon.Take(Shown).Select(a => a.ReferralId))
            .Concat(NotYetContacted.Take(Shown).Select(r => r.Id)).Concat(Waiting.Take(Shown).Select(w => w.Referral.Id)).Concat(Active.Take(Shown).Select(a => a.Referral.Id))
            .Concat(Undelivered.Select(n => n.ReferralId)).Concat(Stopped.Select(s => s.ReferralId)).Concat(MatchesToDecide.Select(m => m.Referral.Id));
}

/// <summary>The dashboard's reading of the records and the workflows' index.</summary>
public sealed class Caseload(ApiServices services, SignIn.SchemeAccess access, Alerts alerts, MentorActions mentors, EmailSendLog emails, NoticeActions notices, WorkflowRepair repair)
{
    /// <summary>DBS checks this close to expiry are shown, so a renewal can be started in time.</summary>
    public const int DbsWarningDays = 60;

    public const int DueSoonDays = 7;

    public async Task<CaseloadView> LoadAsync(string? scheme, CancellationToken cancellationToken)
    {
        var now = services.Now;
        var today = DateOnly.FromDateTime(now);
        var schemeIds = await access.SchemeIdsAsync(scheme, cancellationToken);
        var openWork = await services.Store.OpenWork.OfSchemesAsync(schemeIds, cancellationToken);
        var due = await alerts.DueAsync(schemeIds, DueSoonDays, openWork, cancellationToken);
        var allMentors = await mentors.ListAsync(scheme, cancellationToken);
        var byId = allMentors.ToDictionary(m => m.Id);
        var policies = new Dictionary<(string, int), SchemePolicy>();

        var open = openWork.ToLookup(r => r.Stage);
        var awaiting = open[ReferralStage.Assessment].ToList();
        var waiting = await open[ReferralStage.Matching].ReadEachAsync((referral, ct) => WaitingAsync(referral, byId, ct), cancellationToken);

        var active = new List<ActiveMatch>();
        foreach (var referral in open[ReferralStage.Active])
        {
            var key = (referral.SchemeId, referral.PolicyVersion);
            if (!policies.TryGetValue(key, out var policy))
            {
                policy = (await services.Schemes.PolicyAsync(referral.SchemeId, referral.PolicyVersion, cancellationToken))?.Policy ?? new SchemePolicy();
                policies[key] = policy;
            }

            var (rag, why, next) = Rate(referral, policy, now);
            active.Add(new ActiveMatch(referral, referral.MentorId is { } id ? byId.GetValueOrDefault(id) : null, rag, why, next));
        }

        var view = new CaseloadView(
            await access.SchemesAsync(cancellationToken),
            awaiting.Count,
            [.. awaiting.Where(r => r.FirstContactAt is null).OrderBy(r => r.AssessmentDueAt)],
            [.. due.Where(a => a.Overdue)],
            [.. due.Where(a => !a.Overdue)],
            [.. waiting.OrderBy(w => w.Since)],
            [.. active.OrderByDescending(a => a.Rag).ThenBy(a => a.NextCheckInDue)],
            [.. allMentors.Where(m => m.Active).OrderByDescending(m => (double)m.ActiveMatches / Math.Max(1, m.Capacity)).ThenBy(m => m.Name, StringComparer.CurrentCultureIgnoreCase)],
            [.. allMentors.Where(m => m.Active && m.DbsCheckExpires is { } d && d <= today.AddDays(DbsWarningDays)).OrderBy(m => m.DbsCheckExpires)],
            // Across schemes (a template and a key, nothing of the referral): an email whose fate is unknown is never
            // re-sent automatically, so someone must look.
            [.. (await emails.ListUnknownAsync(cancellationToken)).OrderByDescending(e => e.LastAttemptAt)],
            await notices.UndeliveredAsync(scheme, cancellationToken),
            [.. (await repair.StoppedAsync(cancellationToken)).Where(s => schemeIds.Contains(s.SchemeId))]);
        view = view with { OpenConcerns = await OpenConcernsAsync(openWork, cancellationToken), MenteeMessages = await MenteeMessagesAsync(schemeIds, openWork, cancellationToken) };
        view = WithMentorChecks(view, active, waiting, today);
        return view with { Names = await services.Store.PeopleIndex.MenteeNamesAsync(view.ReferralIds, cancellationToken) };
    }

    /// <summary>
    /// A referral waiting for a match, with its open proposal: from the referral itself, which keeps the mentor once the
    /// match row is written, or, for a bare claim or a proposal made before the mentor was kept, from its match row.
    /// </summary>
    private async Task<WaitingReferral> WaitingAsync(Referral referral, Dictionary<string, Mentor> mentors, CancellationToken cancellationToken)
    {
        var since = referral.AssessedAt ?? referral.ReceivedAt;
        if (referral.CurrentMatchId is not { } matchId)
        {
            return new WaitingReferral(referral, since, null, null);
        }

        if (referral.ProposedMentorId is { } mentorId)
        {
            return new WaitingReferral(referral, since, referral.ProposalClaimedAt, mentors.GetValueOrDefault(mentorId));
        }

        var proposal = (await services.Store.Matches.GetAsync(referral.Id, matchId, cancellationToken))?.Value;
        return proposal?.Status == MatchStatus.Proposed
            ? new WaitingReferral(referral, since, proposal.ProposedAt, mentors.GetValueOrDefault(proposal.MentorId))
            : new WaitingReferral(referral, since, null, null);
    }

    /// <summary>Supervision overdue, and current matches of mentors whose checks have run out, by the scheme's rules.</summary>
    private static CaseloadView WithMentorChecks(CaseloadView view, IEnumerable<ActiveMatch> active, IEnumerable<WaitingReferral> waiting, DateOnly today)
    {
        var cadence = view.Schemes.ToDictionary(s => s.Id, s => s.Policy.SupervisionCadenceDays);
        var issues = view.Mentors.ToDictionary(
            m => m.Id, m => Domain.Mentors.MentorCompliance.Issues(m, cadence.GetValueOrDefault(m.SchemeId), today));
        var supervision = view.Mentors
            .SelectMany(m => issues[m.Id].Where(i => i.Check == Domain.Mentors.ComplianceCheck.Supervision).Select(i => new MentorIssue(m, i)))
            .OrderBy(i => i.Issue.Date ?? DateOnly.MinValue);
        var current = active.Where(a => a.Mentor is not null).Select(a => (a.Referral, Mentor: a.Mentor!))
            .Concat(waiting.Where(w => w.ProposedMentor is not null).Select(w => (w.Referral, Mentor: w.ProposedMentor!)));
        var toDecide = current
            .SelectMany(c => Domain.Mentors.MentorCompliance.Issues(c.Mentor, 0, today)
                .Where(i => i.Lapsed && i.Check != Domain.Mentors.ComplianceCheck.Supervision)
                .Take(1)
                .Select(i => new MatchToDecide(c.Referral, c.Mentor, i)));
        return view with { SupervisionOverdue = [.. supervision], MatchesToDecide = [.. toDecide.OrderBy(m => m.Mentor.Name, StringComparer.CurrentCultureIgnoreCase)] };
    }

    /// <summary>
    /// Red: the last check-in said red, or a check-in is overdue past the scheme's grace period. Amber: the last
    /// check-in said amber, a check-in is due, or the first meeting has not happened in time. Green otherwise.
    /// </summary>
    public static (RagStatus Rag, string Why, DateTime NextCheckInDue) Rate(Referral referral, SchemePolicy policy, DateTime now)
    {
        var since = referral.LastCheckInAt ?? referral.MatchedAt ?? referral.ReceivedAt;
        var nextDue = since.AddDays(policy.CheckInCadenceDays);
        if (referral.LastRag == RagStatus.Red)
        {
            return (RagStatus.Red, "Last check-in was red", nextDue);
        }

        if (now > nextDue.AddDays(policy.CheckInOverdueDaysAfter))
        {
            return (RagStatus.Red, "Check-in overdue", nextDue);
        }

        if (referral.LastRag == RagStatus.Amber)
        {
            return (RagStatus.Amber, "Last check-in was amber", nextDue);
        }

        if (now > nextDue)
        {
            return (RagStatus.Amber, "Check-in due", nextDue);
        }

        if (referral.FirstMeetingAt is null && referral.MatchedAt is { } matched && now > matched.AddDays(policy.FirstMeetingDays))
        {
            return (RagStatus.Amber, "No first meeting yet", nextDue);
        }

        return (RagStatus.Green, referral.LastCheckInAt is null ? "Recently matched" : "Check-ins on track", nextDue);
    }

    /// <summary>
    /// Mentees' unread messages of the schemes shown: one partition of them all, each referral from open work or, once
    /// closed, read by its id.
    /// </summary>
    private async Task<IReadOnlyList<MenteeMessage>> MenteeMessagesAsync(IReadOnlyList<string> schemeIds, IReadOnlyList<Referral> openWork, CancellationToken cancellationToken)
    {
        var open = openWork.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var found = new List<MenteeMessage>();
        foreach (var note in await services.Store.UnreadMenteeMessages.InAsync(PeerFlowStore.UnreadPartition, cancellationToken))
        {
            var referral = open.GetValueOrDefault(note.ReferralId) ?? (await services.Store.Referrals.GetAsync(note.ReferralId, "", cancellationToken))?.Value;
            if (referral is not null && schemeIds.Contains(referral.SchemeId))
            {
                found.Add(new MenteeMessage(referral, note.Id, note.About == CaseNote.MenteeChange, note.At));
            }
        }

        return [.. found.OrderBy(m => m.At)];
    }

    /// <summary>
    /// Referrals counting open concerns (any stage: open work keeps a closed referral while a concern is open), then
    /// each one's concerns by its partition.
    /// </summary>
    private async Task<IReadOnlyList<OpenConcern>> OpenConcernsAsync(IEnumerable<Referral> openWork, CancellationToken cancellationToken)
    {
        var each = await openWork.Where(r => r.OpenConcerns > 0).ReadEachAsync(async (referral, ct) =>
            (await services.Store.Concerns.PartitionAsync(referral.Id, ct)).Select(c => c.Value with { Id = c.RowKey }).Where(c => c.IsOpen).Select(c => new OpenConcern(referral, c)).ToList(),
            cancellationToken);
        var found = each.SelectMany(c => c);

        return [.. found.OrderByDescending(c => c.Concern.Severity ?? ConcernSeverity.Medium).ThenBy(c => c.Concern.At)];
    }
}
