using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PeerFlow.Functions.Pages;

/// <summary>
/// The page shown in place of an empty error answer. It is re-executed with the failed request's method, a refused
/// POST among them, so it answers every method and checks no antiforgery token (it changes nothing).
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet(int code) => Code = code;

    public void OnPost(int code) => Code = code;
}
