using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerFlow.Functions.Api;

namespace PeerFlow.Functions.Pages.Referrals;

/// <summary>Straight to a referral from the reference someone quotes on the phone, e.g. "FCM-2026-0042".</summary>
public sealed class FindModel(ApiServices services) : PageModel
{
    public string? Reference { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? reference, CancellationToken cancellationToken)
    {
        Reference = reference?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(Reference))
        {
            return RedirectToPage("/Referrals/Index");
        }

        var found = await services.Store.Referrals.QueryAsync($"Reference eq '{Reference.Replace("'", "''", StringComparison.Ordinal)}'", cancellationToken);
        if (found.Count == 1)
        {
            return Redirect("/referrals/" + Uri.EscapeDataString(found[0].Value.Id));
        }

        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
