using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerFlow.Domain.Links;
using PeerFlow.Orchestrations.Notices;

namespace PeerFlow.Web.Pages.Links;

/// <summary>Thanks after a link's form is sent. The address says only which kind of form it was.</summary>
public sealed class DoneModel : PageModel
{
    public LinkAction? Sent { get; private set; }

    // Read from the query by hand: "action" is a route value name MVC reserves for itself.
    public void OnGet() => Sent = Request.Query["action"].ToString() is { Length: > 0 } slug ? PublicUrls.FromSlug(slug) : null;
}
