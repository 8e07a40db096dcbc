using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerFlow.Domain.Matching;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Schemes;
using PeerFlow.Web.Actions;
using PeerFlow.Web.Api;
using PeerFlow.Web.Rendering;

namespace PeerFlow.Web.Pages.Referrals;

/// <summary>
/// One referral for its coordinator: who and why, what happened, what is scheduled next, and the actions its stage
/// allows. Every action goes through <see cref="ReferralActions"/>, as the API's do; a failed one shows its form
/// again, open, with its messages and what was typed.
/// </summary>
public sealed class DetailsModel(ApiServices services, ReferralActions actions, Erasure erasure) : PageModel
{
    public ReferralView View { get; private set; } = null!;

    public Referral Referral { get; private set; } = null!;

    public Scheme? Scheme { get; private set; }

    public Person? Mentee { get; private set; }

    public Person? Referrer { get; private set; }

    public IReadOnlyDictionary<string, Mentor> Mentors { get; private set; } = new Dictionary<string, Mentor>();

    public IReadOnlyList<CheckIn> CheckIns { get; private set; } = [];

    public IReadOnlyList<Feedback> Feedback { get; private set; } = [];

    public IReadOnlyList<SafeguardingConcern> Concerns { get; private set; } = [];

    public Shortlist? Shortlist { get; private set; }

    public Match? Proposal { get; private set; }

    public DateTime Now => services.Now;

    /// <summary>Which action's form to show open: the one that just failed.</summary>
    public string? Open { get; private set; }

    [BindProperty]
    public AssessmentInput Assessment { get; set; } = new();

    [BindProperty]
    public ProposeInput Propose { get; set; } = new();

    [BindProperty]
    public CheckInInput CheckIn { get; set; } = new();

    [BindProperty]
    public ReasonInput Breakdown { get; set; } = new();

    [BindProperty]
    public ConcernInput Concern { get; set; } = new();

    [BindProperty]
    public ReasonInput Closure { get; set; } = new();

    [BindProperty]
    public EraseInput Erase { get; set; } = new();

    [FromQuery(Name = "done")]
    public string? Done { get; set; }

    public string MentorName(string? id) => id is not null && Mentors.TryGetValue(id, out var m) ? m.Name : "a mentor";

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Assessment = AssessmentInput.From(Referral.Profile ?? new MatchingProfile { PostcodeDistrict = Mentee?.PostcodeDistrict });
        await Audit.RecordAsync(services, id, "viewed referral", cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostContactAsync(string id, CancellationToken cancellationToken) =>
        AfterAsync(id, "contact", null, () => actions.ContactAsync(id, null, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostFirstMeetingAsync(string id, CancellationToken cancellationToken) =>
        AfterAsync(id, "first-meeting", null, () => actions.FirstMeetingAsync(id, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRecontactAsync(string id, CancellationToken cancellationToken) =>
        AfterAsync(id, "recontact", null, () => actions.RecontactAsync(id, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostAssessmentAsync(string id, CancellationToken cancellationToken) =>
        AfterAsync(id, "assessment", nameof(Assessment), () => actions.AssessAsync(id, Assessment.ToRequest(), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostProposeAsync(string id, CancellationToken cancellationToken) =>
        AfterAsync(id, "propose", nameof(Propose), () => actions.ProposeAsync(id, new ProposalRequest(Propose.MentorId, Propose.CapacityOverrideReason), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostAnswerAsync(string id, string matchId, bool accepted, CancellationToken cancellationToken) =>
        AfterAsync(id, accepted ? "accepted" : "declined", null, () => actions.AnswerAsync(id, matchId, new ProposalAnswer(accepted), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostCheckInAsync(string id, CancellationToken cancellationToken)
    {
        var request = new CheckInRequest(CheckIn.Rag, CheckIn.Met == "yes", CheckIn.Notes);
        if (CheckIn.Met is not ("yes" or "no"))
        {
            ModelState.AddUnansweredMet(request, nameof(CheckIn), "Say whether they have met since the last check-in.");
        }

        return AfterAsync(id, "checkin", nameof(CheckIn), () => actions.CheckInAsync(id, request, cancellationToken), cancellationToken);
    }

    public Task<IActionResult> OnPostBreakdownAsync(string id, CancellationToken cancellationToken) =>
        AfterAsync(id, "breakdown", nameof(Breakdown), () => actions.BreakdownAsync(id, new ReasonRequest(Breakdown.Reason), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostConcernAsync(string id, CancellationToken cancellationToken) =>
        AfterAsync(id, "concern", nameof(Concern), () => actions.SafeguardingAsync(id, new SafeguardingRequest(Concern.Details, null), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostClosureAsync(string id, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(Closure.Reason)
            ? Failed(id, "closure", nameof(Closure), ActionOutcome.Field("reason", "Choose why the referral is closing."), cancellationToken)
            : AfterAsync(id, "closure", nameof(Closure), () => actions.CloseAsync(id, new ReasonRequest(Closure.Reason), cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostEraseAsync(string id, CancellationToken cancellationToken)
    {
        var outcome = await erasure.EraseAsync(id, Erase.Reference, cancellationToken);
        return outcome.Kind switch
        {
            OutcomeKind.Done => Redirect("/referrals?erased=" + Uri.EscapeDataString((string)outcome.Value!)),
            OutcomeKind.NotFound => NotFound(),
            _ => await Failed(id, "erase", nameof(Erase), outcome, cancellationToken),
        };
    }

    /// <summary>Post, redirect, get: a refresh after an action does not repeat it.</summary>
    private async Task<IActionResult> AfterAsync(string id, string action, string? form, Func<Task<ActionOutcome>> doing, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await Failed(id, action, form, null, cancellationToken);
        }

        var outcome = await doing();
        return outcome.Kind switch
        {
            OutcomeKind.Done => RedirectToPage(null, null, new { id, done = action }, "main"),
            OutcomeKind.NotFound => NotFound(),
            _ => await Failed(id, action, form, outcome, cancellationToken),
        };
    }

    private async Task<IActionResult> Failed(string id, string action, string? form, ActionOutcome? outcome, CancellationToken cancellationToken)
    {
        if (outcome is not null)
        {
            ModelState.AddErrors(outcome, form ?? string.Empty);
        }

        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Open = action;
        return Page();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var referral = (await services.Store.Referrals.GetAsync(id, "", cancellationToken))?.Value;
        if (referral is null)
        {
            return false;
        }

        var view = await ReferralView.ForAsync(referral, services, cancellationToken);
        View = view;
        Referral = referral;
        Scheme = await services.Schemes.GetAsync(referral.SchemeId, cancellationToken);
        var partition = $"PartitionKey eq '{id.Replace("'", "''", StringComparison.Ordinal)}'";
        var people = (await services.Store.People.QueryAsync(partition, cancellationToken)).Select(p => p.Value).ToList();
        Mentee = people.FirstOrDefault(p => p.Role == PersonRole.Mentee);
        Referrer = people.FirstOrDefault(p => p.Role == PersonRole.Referrer);
        CheckIns = [.. (await services.Store.CheckIns.QueryAsync(partition, cancellationToken)).Select(c => c.Value).OrderByDescending(c => c.At).Take(10)];
        Feedback = [.. (await services.Store.Feedback.QueryAsync(partition, cancellationToken)).Select(f => f.Value)];
        Concerns = [.. (await services.Store.Concerns.QueryAsync(partition, cancellationToken)).Select(c => c.Value).OrderByDescending(c => c.At)];
        var mentorIds = view.Matches.Select(m => m.MentorId).ToHashSet();
        if (referral.Stage == ReferralStage.Matching)
        {
            Proposal = view.Matches.LastOrDefault(m => m.Status == MatchStatus.Proposed);
            if (Proposal is null && (await actions.ShortlistAsync(id, cancellationToken)).Value is Shortlist shortlist)
            {
                Shortlist = shortlist;
                mentorIds.UnionWith(shortlist.Candidates.Select(c => c.MentorId));
                mentorIds.UnionWith(shortlist.Excluded.Select(e => e.MentorId));
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

        Mentors = mentors;
        return true;
    }
}
