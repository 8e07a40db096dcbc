using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Web.Actions;
using PeerFlow.Web.Api;
using PeerFlow.Web.Endpoints;
using PeerFlow.Web.Rendering;
using PeerFlow.Web.SignIn;

namespace PeerFlow.Web.Pages.Referrals;

/// <summary>
/// One referral for its coordinator, <c>/referrals/{id}</c>. Every action posts to the page with <c>?handler=Name</c>,
/// as the Razor Page did, and goes through <see cref="ReferralActions"/> (or <see cref="Erasure"/>), as the API's do:
/// done, it redirects back with <c>?done=action</c>; failed, it shows its form again, open, with its messages.
/// </summary>
public sealed partial class ReferralDetails
{
    /// <summary>The page's forms, by the handler each posts to (matched without regard to case, as Razor Pages did).</summary>
    private static readonly string[] Handlers = ["Contact", "FirstMeeting", "Recontact", "Assessment", "Propose", "Answer", "CheckIn", "Breakdown", "Concern", "Closure", "RetryNotice", "NoticeHandled", "LogContact", "Needs", "ConcernAction", "MenteeMessageRead"];

    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        // The id refuses "find": the Functions host does not rank literal routes first (see MentorProfile).
        new("ReferralPage", "GET", "/referrals/{id:regex(^(?!find$))}", GetAsync, Audience.Staff),

        // One address for the page's everyday forms, as the Razor Page had.
        new("ReferralPagePost", "POST", "/referrals/{id}", PostAsync, Audience.Staff),

        // Erasing needs a manager or an administrator: an endpoint of its own, so its audience is the endpoint's.
        new("EraseReferralPost", "POST", "/referrals/{id}/erase", EraseAsync, Audience.Managers),

        // Closing a safeguarding concern is a manager's decision: an endpoint of its own, so its audience is the endpoint's.
        new("CloseConcernPost", "POST", "/referrals/{id}/concerns/{concernId}/close", CloseConcernAsync, Audience.Managers),

        // Restarting a stopped workflow from the records is a manager's decision, as erasing is.
        new("RestartWorkflowPost", "POST", "/referrals/{id}/restart", RestartAsync, Audience.Managers),
    ];

    /// <summary>Whether the signed-in person may erase: only they see the erase form.</summary>
    [Parameter] public bool CanErase { get; set; }

    [CascadingParameter] public PageContext Context { get; set; } = default!;

    [Parameter, EditorRequired] public ReferralPageData Data { get; set; } = default!;

    [Parameter] public ReferralForms Forms { get; set; } = new();

    /// <summary>Which action's form to show open: the one that just failed.</summary>
    [Parameter] public string? Open { get; set; }

    /// <summary>The action just done, from the redirect after it.</summary>
    [Parameter] public string? Done { get; set; }

    private string Action(string handler) => $"/referrals/{Uri.EscapeDataString(Data.Referral.Id)}?handler={handler}";

    /// <summary>The address Razor Pages gave these forms: the route's values first, then the handler.</summary>
    private string NoticeAction(string handler, string key) =>
        $"/referrals/{Uri.EscapeDataString(Data.Referral.Id)}?notice={Uri.EscapeDataString(key)}&handler={handler}";

    private string Answer(string matchId, bool accepted) =>
        $"/referrals/{Uri.EscapeDataString(Data.Referral.Id)}?matchId={Uri.EscapeDataString(matchId)}&accepted={(accepted ? "true" : "false")}&handler=Answer";

    private static string DoneMessage(string done) => done switch
    {
        "contact" => "First contact recorded.",
        "log-contact" => "Contact logged.",
        "needs" => "Needs revised: the shortlist uses them from now on.",
        "assessment" => "Assessment recorded.",
        "propose" => "Match proposed: the mentor has been emailed.",
        "accepted" => "Acceptance recorded.",
        "declined" => "Decline recorded.",
        "checkin" => "Check-in logged.",
        "breakdown" => "Breakdown recorded.",
        "concern-action" => "Action recorded on the safeguarding concern.",
        "concern-closed" => "Safeguarding concern closed.",
        "closure" => "Closure started.",
        "recontact" => "Back to assessment: the assessment clock has started again.",
        "first-meeting" => "First meeting recorded.",
        "retry-notice" => "The notice will be tried again now.",
        "notice-handled" => "Recorded that the notice was dealt with another way.",
        "mentee-read" => "The mentee's message is marked read: it has left the dashboard.",
        "restart" => "The workflow is being restarted from the records: what is scheduled next shows again within moments.",
        "restart-not-needed" => "Nothing was restarted: the workflow is running, or the referral is closed.",
        _ => "Saved.",
    };

    private static async Task<IResult> GetAsync(string id, string? done, HttpContext http, ApiServices services, ReferralActions actions, PageRenderer pages, CancellationToken cancellationToken)
    {
        if (await ReferralPageData.LoadAsync(id, services, actions, http.RequestServices.GetRequiredService<SchemeAccess>(), cancellationToken) is not { } data)
        {
            return Results.NotFound();
        }

        var forms = new ReferralForms
        {
            Assessment = AssessmentInput.From(data.Referral.Profile ?? new MatchingProfile { PostcodeDistrict = data.Mentee?.PostcodeDistrict }),
            Needs = AssessmentInput.From(data.Referral.Profile, data.Mentee?.SharedDescription),
        };
        await Audit.RecordAsync(services, id, "viewed referral", cancellationToken);
        return await pages.RenderAsync<ReferralDetails>(http, new Dictionary<string, object?>
        {
            [nameof(Data)] = data,
            [nameof(Forms)] = forms,
            [nameof(Done)] = done,
            [nameof(CanErase)] = MayErase(http),
        });
    }

    private static async Task<IResult> RestartAsync(string id, HttpContext http, WorkflowRepair repair, CancellationToken cancellationToken)
    {
        if (await PostedForm.ReadAsync(http, cancellationToken) is null)
        {
            return Results.StatusCode(StatusCodes.Status400BadRequest);
        }

        var outcome = await repair.RestartAsync(id, cancellationToken);
        return outcome.Kind == OutcomeKind.NotFound
            ? Results.NotFound()
            : Results.Redirect($"/referrals/{Uri.EscapeDataString(id)}?done={(outcome.Succeeded ? "restart" : "restart-not-needed")}");
    }

    /// <summary>Needs are revised once assessed as suitable, while the referral is matched or supported.</summary>
    private bool CanReviseNeeds => Data.Referral.Allows(ReferralAction.ReviseNeeds);

    private string SchemeName(string id) => Data.Schemes.FirstOrDefault(s => s.Id == id)?.Name ?? id;

    private static string List(IReadOnlyList<string> tags) => tags.Count == 0 ? "—" : string.Join(", ", tags);

    private static string NoteTitle(CaseNote note) => note.Contact switch
    {
        ContactKind.Phone => "Phone call",
        ContactKind.Visit => "Visit",
        ContactKind.Message => "Message",
        ContactKind.Email => "Email",
        ContactKind.Meeting => "Meeting",
        _ => note.About switch
        {
            "assessment" => "Note on the assessment",
            "breakdown" => "Note on the breakdown",
            "closure" => "Note on the closure",
            "needs" => "Needs revised",
            _ => "Note",
        },
    };

    /// <summary>Whether the workflow of an open referral is not running: nothing will remind or escalate until it is restarted.</summary>
    private bool WorkflowStopped => Data.Referral.Stage != ReferralStage.Closed && Data.View.WorkflowStatus is "Failed" or "Terminated" or "Unknown";

    private static bool MayErase(HttpContext http) => StaffRoles.Check(Audience.Managers, http.User) == StatusCodes.Status200OK;

    /// <summary>The concern's id travels as the page's other per-item forms' keys do, in <c>notice</c>.</summary>
    private static Task<IResult> CloseConcernAsync(string id, string concernId, HttpContext http, ApiServices services, ReferralActions actions, Erasure erasure, PageRenderer pages, CancellationToken cancellationToken) =>
        HandleAsync(id, "CloseConcern", null, null, concernId, http, services, actions, erasure, pages, cancellationToken);

    private string ConcernAction(string concernId) =>
        $"/referrals/{Uri.EscapeDataString(Data.Referral.Id)}?notice={Uri.EscapeDataString(concernId)}&handler=ConcernAction";

    private string CloseConcernAction(string concernId) =>
        $"/referrals/{Uri.EscapeDataString(Data.Referral.Id)}/concerns/{Uri.EscapeDataString(concernId)}/close";

    private static Task<IResult> EraseAsync(string id, HttpContext http, ApiServices services, ReferralActions actions, Erasure erasure, PageRenderer pages, CancellationToken cancellationToken) =>
        HandleAsync(id, "Erase", null, null, null, http, services, actions, erasure, pages, cancellationToken);

    private static async Task<IResult> PostAsync(
        string id, string? handler, string? matchId, string? accepted, string? notice, HttpContext http, ApiServices services, ReferralActions actions, Erasure erasure, PageRenderer pages, CancellationToken cancellationToken)
    {
        var chosen = Handlers.FirstOrDefault(h => string.Equals(h, handler, StringComparison.OrdinalIgnoreCase));
        return await HandleAsync(id, chosen, matchId, accepted, notice, http, services, actions, erasure, pages, cancellationToken);
    }

    private static async Task<IResult> HandleAsync(
        string id, string? chosen, string? matchId, string? accepted, string? notice, HttpContext http, ApiServices services, ReferralActions actions, Erasure erasure, PageRenderer pages, CancellationToken cancellationToken)
    {
        if (await PostedForm.ReadAsync(http, cancellationToken) is not { } form)
        {
            return Results.StatusCode(StatusCodes.Status400BadRequest);
        }

        if (chosen is null)
        {
            return Results.NotFound();
        }

        var forms = ReferralForms.Bind(form);
        var post = new Post(id, form.ModelState, forms, http, services, actions, pages, cancellationToken);
        switch (chosen)
        {
            case "Contact":
                return await post.AfterAsync("contact", null, () => actions.ContactAsync(id, null, cancellationToken));
            case "FirstMeeting":
                return await post.AfterAsync("first-meeting", null, () => actions.FirstMeetingAsync(id, cancellationToken));
            case "Recontact":
                return await post.AfterAsync("recontact", null, () => actions.RecontactAsync(id, cancellationToken));
            case "Assessment":
                return await post.AfterAsync("assessment", nameof(ReferralForms.Assessment), () => actions.AssessAsync(id, forms.Assessment.ToRequest(), cancellationToken));
            case "Propose":
                return await post.AfterAsync("propose", nameof(ReferralForms.Propose), () => actions.ProposeAsync(id, new ProposalRequest(forms.Propose.MentorId, null) { OverrideReason = forms.Propose.OverrideReason }, cancellationToken));
            case "Answer":
                // From the form's address, as Razor Pages bound the handler's parameters: no answer reads as "declined".
                var yes = false;
                if (!string.IsNullOrEmpty(accepted) && !bool.TryParse(accepted, out yes))
                {
                    form.ModelState.AddFieldError(nameof(accepted), $"The value '{accepted}' is not valid for {nameof(accepted)}.");
                }

                if (string.IsNullOrEmpty(matchId))
                {
                    return Results.NotFound();
                }

                return await post.AfterAsync(yes ? "accepted" : "declined", null, () => actions.AnswerAsync(id, matchId, new ProposalAnswer(yes), cancellationToken));
            case "CheckIn":
                var request = new CheckInRequest(forms.CheckIn.Rag, forms.CheckIn.Met == "yes", forms.CheckIn.Notes, forms.CheckIn.RaiseConcern == "yes");
                if (forms.CheckIn.Met is not ("yes" or "no"))
                {
                    form.ModelState.AddUnansweredMet(request, nameof(ReferralForms.CheckIn), "Say whether they have met since the last check-in.");
                }

                return await post.AfterAsync("checkin", nameof(ReferralForms.CheckIn), () => actions.CheckInAsync(id, request, cancellationToken));
            case "LogContact":
                var log = http.RequestServices.GetRequiredService<CaseLog>();
                if (string.IsNullOrWhiteSpace(forms.Contact.Date) != string.IsNullOrWhiteSpace(forms.Contact.Time))
                {
                    form.ModelState.AddFieldError(string.IsNullOrWhiteSpace(forms.Contact.Date) ? "Contact.Date" : "Contact.Time", "Enter both the date and the time, or leave both empty for now.");
                }

                return await post.AfterAsync("log-contact", nameof(ReferralForms.Contact), async () => Dated(await log.LogContactAsync(id, forms.Contact.ToRequest(), cancellationToken)));
            case "Needs":
                var needs = http.RequestServices.GetRequiredService<CaseLog>();
                return await post.AfterAsync("needs", nameof(ReferralForms.Needs), () => needs.ReviseNeedsAsync(id, forms.Needs.ToNeeds(), cancellationToken));
            case "Breakdown":
                return await post.AfterAsync("breakdown", nameof(ReferralForms.Breakdown), () => actions.BreakdownAsync(id, new ReasonRequest(forms.Breakdown.Reason, forms.Breakdown.Note), cancellationToken));
            case "Concern":
                return await post.AfterAsync("concern", nameof(ReferralForms.Concern), () => actions.SafeguardingAsync(id, new SafeguardingRequest(forms.Concern.Details, null, forms.Concern.Severity), cancellationToken));
            case "ConcernAction":
                if (string.IsNullOrEmpty(notice))
                {
                    return Results.NotFound();
                }

                var followUp = http.RequestServices.GetRequiredService<ConcernActions>();
                return await post.AfterAsync("concern-action", nameof(ReferralForms.FollowUp), () => followUp.RecordActionAsync(id, notice, new ConcernActionRequest(forms.FollowUp.Text, forms.FollowUp.Owner), cancellationToken));
            case "MenteeMessageRead":
                if (string.IsNullOrEmpty(notice))
                {
                    return Results.NotFound();
                }

                var messages = http.RequestServices.GetRequiredService<CaseLog>();
                return await post.AfterAsync("mentee-read", null, () => messages.MarkMenteeMessageReadAsync(id, notice, cancellationToken));
            case "RetryNotice" or "NoticeHandled":
                if (string.IsNullOrEmpty(notice))
                {
                    return Results.NotFound();
                }

                var notices = http.RequestServices.GetRequiredService<NoticeActions>();
                return chosen == "RetryNotice"
                    ? await post.AfterAsync("retry-notice", null, () => notices.RetryAsync(id, notice, cancellationToken))
                    : await post.AfterAsync("notice-handled", null, () => notices.MarkHandledAsync(id, notice, cancellationToken));
            case "Closure":
                return string.IsNullOrWhiteSpace(forms.Closure.Reason)
                    ? await post.FailedAsync("closure", nameof(ReferralForms.Closure), ActionOutcome.Field("reason", "Choose why the referral is closing."))
                    : await post.AfterAsync("closure", nameof(ReferralForms.Closure), () => actions.CloseAsync(id, new ReasonRequest(forms.Closure.Reason, forms.Closure.Note), cancellationToken));
            case "CloseConcern":
                var closing = http.RequestServices.GetRequiredService<ConcernActions>();
                return await post.AfterAsync("concern-closed", nameof(ReferralForms.FollowUp), () => closing.CloseAsync(id, notice!, new ConcernClosureRequest(forms.FollowUp.Outcome), cancellationToken));
            default: // Erase
                var outcome = await erasure.EraseAsync(id, forms.Erase.Reference, cancellationToken);
                return outcome.Kind switch
                {
                    OutcomeKind.Done => Results.Redirect("/referrals?erased=" + Uri.EscapeDataString((string)outcome.Value!)),
                    OutcomeKind.NotFound => Results.NotFound(),
                    _ => await post.FailedAsync("erase", nameof(ReferralForms.Erase), outcome),
                };
        }
    }

    /// <summary>Who the safeguarding alert went to, as the scheme names them (see the notice sender).</summary>
    private string ConcernAlerted => Data.Scheme?.SafeguardingLead is { } lead
        ? $"Safeguarding concern recorded: {lead.Name}, the scheme's safeguarding lead, and the coordinator have been alerted by email."
        : "Safeguarding concern recorded: the scheme's coordinator and manager have been alerted by email.";

    /// <summary>The API's one "at" field is the page's date and time: its messages go beside the date.</summary>
    private static ActionOutcome Dated(ActionOutcome outcome) =>
        outcome.Errors is { } errors && errors.ContainsKey("at")
            ? outcome with { Errors = errors.ToDictionary(e => e.Key == "at" ? "date" : e.Key, e => e.Value) }
            : outcome;

    /// <summary>One post to the page, and what comes of it.</summary>
    private sealed record Post(
        string Id, ModelStateDictionary ModelState, ReferralForms Forms, HttpContext Http, ApiServices Services, ReferralActions Actions, PageRenderer Pages, CancellationToken CancellationToken)
    {
        /// <summary>Post, redirect, get: a refresh after an action does not repeat it.</summary>
        public async Task<IResult> AfterAsync(string action, string? form, Func<Task<ActionOutcome>> doing)
        {
            if (ModelState.ErrorCount > 0)
            {
                return await FailedAsync(action, form, null);
            }

            var outcome = await doing();
            return outcome.Kind switch
            {
                OutcomeKind.Done => Results.Redirect($"/referrals/{Uri.EscapeDataString(Id)}?done={action}#main"),
                OutcomeKind.NotFound => Results.NotFound(),
                _ => await FailedAsync(action, form, outcome),
            };
        }

        /// <summary>The page again, with the failed action's form open and its messages beside its fields.</summary>
        public async Task<IResult> FailedAsync(string action, string? form, ActionOutcome? outcome)
        {
            if (outcome is not null)
            {
                ModelState.AddErrors(outcome, form ?? string.Empty);
            }

            if (await ReferralPageData.LoadAsync(Id, Services, Actions, Http.RequestServices.GetRequiredService<SchemeAccess>(), CancellationToken) is not { } data)
            {
                return Results.NotFound();
            }

            return await Pages.RenderAsync<ReferralDetails>(Http, new Dictionary<string, object?>
            {
                [nameof(Data)] = data,
                [nameof(Forms)] = Forms,
                [nameof(Open)] = action,
                [nameof(CanErase)] = MayErase(Http),
            }, ModelState);
        }
    }
}
