using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;

namespace PeerFlow.Web.Pages.Refer;

/// <summary>
/// The acknowledgement after a referral is sent. Whoever holds the address sees the reference, the scheme and what
/// happens next, never anything about the person: the address can end up in browser history on a shared computer.
/// </summary>
public sealed class ReceivedModel(PeerFlowStore store, SchemeCatalog schemes, ReceivedLinks links) : PageModel
{
    public Referral? Referral { get; private set; }

    public string? SchemeName { get; private set; }

    /// <summary>Working days within which the coordinator makes contact, by the policy the referral started on.</summary>
    public int? ContactWithinWorkingDays { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, string? t, CancellationToken cancellationToken)
    {
        Referral = IsId(id) && links.Opens(id, t) ? (await store.Referrals.GetAsync(id, "", cancellationToken))?.Value : null;
        if (Referral is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        SchemeName = (await schemes.GetAsync(Referral.SchemeId, cancellationToken))?.Name;
        var policy = (await schemes.PolicyAsync(Referral.SchemeId, Referral.PolicyVersion, cancellationToken))?.Policy;
        ContactWithinWorkingDays = policy is null ? null : Referral.Urgent ? policy.UrgentAssessmentDeadlineWorkingDays : policy.AssessmentDeadlineWorkingDays;
        return Page();
    }

    // Table keys may not hold every character a URL can; anything unlike an id is simply not found.
    private static bool IsId(string? id) => id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
