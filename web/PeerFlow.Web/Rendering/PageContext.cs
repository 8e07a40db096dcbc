using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace PeerFlow.Web.Rendering;

/// <summary>
/// What every part of a page may need about the request it answers, cascaded from the root: the form's state after a
/// failed post, the antiforgery token (asked for only when a form is drawn, so pages without forms set no cookie),
/// and whether the development tools show.
/// </summary>
public sealed class PageContext(Func<string?> antiforgeryToken)
{
    private string? token;

    public required string PathAndQuery { get; init; }

    public required ModelStateDictionary ModelState { get; init; }

    /// <summary>The sandbox clock and mail capture exist (see <see cref="Hosting.DevelopmentTools"/>).</summary>
    public required bool HasDevelopmentTools { get; init; }

    public required string AntiforgeryFieldName { get; init; }

    public bool HasErrors => !ModelState.IsValid;

    public string? AntiforgeryToken => token ??= antiforgeryToken();
}
