using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Schemes;
using PeerFlow.Web.Actions;
using PeerFlow.Web.Rendering;

namespace PeerFlow.Web.Pages.Refer;

/// <summary>
/// The public referral form, for people referring themselves and for professionals. It asks for the fields of
/// <see cref="ReferralSubmission"/> and nothing more; the rules are the submission validator's, not the page's.
/// </summary>
public sealed class FormModel(Submissions submissions, SchemeCatalog schemes, ReceivedLinks received) : PageModel
{
    [BindProperty]
    public ReferralInput Input { get; set; } = new();

    /// <summary>
    /// Made when the form is first shown and posted back with it, so a double click or a retry after a lost answer
    /// gives the same referral rather than a second one.
    /// </summary>
    [BindProperty]
    public string? Key { get; set; }

    public bool Professional { get; private set; }

    public IReadOnlyList<Choice> SchemeOptions { get; private set; } = [];

    public IReadOnlyList<Choice> UrgentOptions => [new(ReferralInput.Yes, "Yes, this is urgent",
        Professional ? "For example, a placement at risk of breaking down. The coordinator will aim to contact them sooner." : "For example, things are at risk of breaking down. The coordinator will aim to contact you sooner.")];

    public IReadOnlyList<Choice> ConsentOptions => [Professional
        ? new(ReferralInput.Yes, "The person I am referring knows about this referral and has agreed to it, and to the scheme contacting them")
        : new(ReferralInput.Yes, "I agree to this referral, and to the scheme's coordinator contacting me about it")];

    public async Task OnGetAsync(string kind, CancellationToken cancellationToken)
    {
        Professional = kind == "professional";
        Key = NewKey();
        await LoadSchemesAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(string kind, CancellationToken cancellationToken)
    {
        Professional = kind == "professional";
        if (!IsKey(Key))
        {
            Key = NewKey();
        }

        var outcome = await submissions.SubmitAsync(Input.ToSubmission(Professional ? ReferralKind.Professional : ReferralKind.Self), Key, cancellationToken);
        if (outcome is { Succeeded: true, Value: Referral referral })
        {
            // See Other: the browser fetches the confirmation with a GET, so reloading it posts nothing again.
            Response.Headers.Location = received.UrlFor(referral.Id);
            return StatusCode(StatusCodes.Status303SeeOther);
        }

        ModelState.AddErrors(outcome);
        await LoadSchemesAsync(cancellationToken);
        return Page();
    }

    private async Task LoadSchemesAsync(CancellationToken cancellationToken) =>
        SchemeOptions = [.. (await schemes.ListAsync(cancellationToken)).Select(s => new Choice(s.Id, s.Name, string.IsNullOrWhiteSpace(s.Description) ? null : s.Description))];

    private static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    // Only keys this page made are used: anything else posted gets a fresh one.
    private static bool IsKey(string? key) => key is { Length: 32 } && key.All(char.IsAsciiHexDigitLower);
}

/// <summary>What the form posts. Everything is text, so no answer can fail to bind; the validator judges it all.</summary>
public sealed class ReferralInput
{
    public const string Yes = "yes";

    public string? SchemeId { get; set; }

    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? PostcodeDistrict { get; set; }

    public string? ReasonForReferral { get; set; }

    /// <summary>"yes" when the box is ticked.</summary>
    public string? Urgent { get; set; }

    /// <summary>"yes" when the box is ticked.</summary>
    public string? Consent { get; set; }

    public string? ReferrerName { get; set; }

    public string? ReferrerEmail { get; set; }

    public string? ReferrerPhone { get; set; }

    public string? ReferrerOrganisation { get; set; }

    public ReferralSubmission ToSubmission(ReferralKind kind) => new()
    {
        SchemeId = Blank(SchemeId),
        Kind = kind,
        Urgent = Urgent == Yes,
        Consent = Consent == Yes,
        Name = Blank(Name),
        Email = Blank(Email),
        Phone = Blank(Phone),
        PostcodeDistrict = Blank(PostcodeDistrict),
        ReasonForReferral = Blank(ReasonForReferral),
        // A self-referral has no referrer, whatever a tampered form sends.
        ReferrerName = kind == ReferralKind.Professional ? Blank(ReferrerName) : null,
        ReferrerEmail = kind == ReferralKind.Professional ? Blank(ReferrerEmail) : null,
        ReferrerPhone = kind == ReferralKind.Professional ? Blank(ReferrerPhone) : null,
        ReferrerOrganisation = kind == ReferralKind.Professional ? Blank(ReferrerOrganisation) : null,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
