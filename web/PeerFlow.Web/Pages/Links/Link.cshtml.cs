using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerFlow.Domain.Links;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;
using PeerFlow.Web.Actions;
using PeerFlow.Web.Api;
using PeerFlow.Web.Rendering;
using PeerFlow.Orchestrations.Notices;

namespace PeerFlow.Web.Pages.Links;

/// <summary>
/// The page behind each signed link in an email: accept or decline a match, log a check-in, give closure feedback.
/// Showing it never uses the link up (mail scanners open links too); only a valid post does, through the link actions.
/// </summary>
public sealed class LinkModel(LinkActions links, PeerFlowStore store, SchemeCatalog schemes) : PageModel
{
    [BindProperty]
    public LinkInput Input { get; set; } = new();

    /// <summary>The link as read; null when it was refused.</summary>
    public LinkView? Link { get; private set; }

    public LinkRefusal? Refusal { get; private set; }

    public string? Reference { get; private set; }

    public string? SchemeName { get; private set; }

    public StaffContact? Coordinator { get; private set; }

    public static IReadOnlyList<Choice> RagOptions { get; } =
    [
        new("green", "Green – going well"),
        new("amber", "Amber – some worries", "Say what they are in the notes below."),
        new("red", "Red – serious problems", "The coordinator will contact you."),
    ];

    public static IReadOnlyList<Choice> MetOptions { get; } = [new(LinkInput.Yes, "Yes"), new(LinkInput.No, "No")];

    public static IReadOnlyList<Choice> HelpfulnessOptions { get; } =
        [new("1", "1 – Not at all"), new("2", "2 – A little"), new("3", "3 – Somewhat"), new("4", "4 – A lot"), new("5", "5 – Very much")];

    public async Task<IActionResult> OnGetAsync(string slug, string token, CancellationToken cancellationToken) =>
        await ShowAsync(await links.PeekAsync(slug, token, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostAsync(string slug, string token, CancellationToken cancellationToken)
    {
        // Only what the link's own form asks for is passed on; anything else posted is ignored.
        var action = PublicUrls.FromSlug(slug);
        if (action == LinkAction.LogCheckIn && Input.Met is not (LinkInput.Yes or LinkInput.No))
        {
            ModelState.AddUnansweredMet(Input.ToCheckIn(), nameof(Input), "Say whether you have met since your last check-in.");
            return await ShowAsync(await links.PeekAsync(slug, token, cancellationToken), cancellationToken);
        }

        var outcome = await links.UseAsync(
            slug,
            token,
            action == LinkAction.LogCheckIn ? Input.ToCheckIn() : null,
            action is LinkAction.MentorFeedback or LinkAction.MenteeFeedback ? Input.ToFeedback() : null,
            cancellationToken);
        if (outcome.Succeeded)
        {
            // The thank-you address carries no token, so it can be bookmarked or shared without giving the link away.
            Response.Headers.Location = "/m/done?action=" + slug;
            return StatusCode(StatusCodes.Status303SeeOther);
        }

        if (outcome.Kind != OutcomeKind.Invalid)
        {
            return Refuse(outcome);
        }

        ModelState.AddErrors(outcome);
        return await ShowAsync(await links.PeekAsync(slug, token, cancellationToken), cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(ActionOutcome peeked, CancellationToken cancellationToken)
    {
        if (peeked is not { Succeeded: true, Value: LinkView link })
        {
            return Refuse(peeked);
        }

        Link = link;
        var referral = (await store.Referrals.GetAsync(link.ReferralId, "", cancellationToken))?.Value;
        if (referral is not null)
        {
            Reference = referral.Reference;
            var scheme = await schemes.GetAsync(referral.SchemeId, cancellationToken);
            SchemeName = scheme?.Name;
            Coordinator = scheme?.Coordinator;
        }

        return Page();
    }

    private PageResult Refuse(ActionOutcome outcome)
    {
        // The form is gone, so its messages would only mislead (and mark the page title as an error).
        ModelState.Clear();
        Refusal = LinkRefusal.From(outcome);
        Response.StatusCode = Refusal.Status;
        return Page();
    }
}

/// <summary>Why a link cannot be used, as the page says it, with the matching HTTP status.</summary>
public sealed record LinkRefusal(int Status, string Heading, string Detail)
{
    public static LinkRefusal From(ActionOutcome outcome) => outcome.Kind switch
    {
        OutcomeKind.Gone => new(StatusCodes.Status410Gone, "This link has expired", outcome.Detail ?? "Links stop working after a while, to keep them safe."),
        OutcomeKind.Conflict when outcome.Title == "Link already used" => new(StatusCodes.Status409Conflict, "This link has already been used", outcome.Detail ?? "Each link works once."),
        OutcomeKind.Conflict => new(StatusCodes.Status409Conflict, "Not possible now", outcome.Detail ?? "This cannot be done at the moment."),
        _ => new(StatusCodes.Status404NotFound, "This link is not valid", outcome.Detail ?? "Please check you copied all of it."),
    };
}

/// <summary>What the link forms post, as text, so nothing fails to bind; the link actions judge it.</summary>
public sealed class LinkInput
{
    public const string Yes = "yes";

    public const string No = "no";

    public string? Rag { get; set; }

    /// <summary>"yes" or "no".</summary>
    public string? Met { get; set; }

    public string? Notes { get; set; }

    public string? Helpfulness { get; set; }

    public string? Comments { get; set; }

    public CheckInRequest ToCheckIn() => new(Blank(Rag), Met == Yes, Blank(Notes));

    /// <summary>No answer, or not a number, is 0: out of range, so the validator asks for one.</summary>
    public LinkFeedback ToFeedback() =>
        new(int.TryParse(Helpfulness, NumberStyles.None, CultureInfo.InvariantCulture, out var score) ? score : 0, Blank(Comments));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
