using Microsoft.AspNetCore.Components;
using PeerFlow.Domain.Schemes;
using PeerFlow.Web.Actions;
using PeerFlow.Web.Api;
using PeerFlow.Web.Endpoints;
using PeerFlow.Web.Rendering;

namespace PeerFlow.Web.Pages.Referrals;

/// <summary>
/// <c>/search</c>: a reference goes straight to its referral; anything else is looked up in the people index
/// (<see cref="PeopleSearch"/>). Posted, so that names never appear in an address.
/// </summary>
public sealed partial class Search
{
    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        new("SearchPage", "GET", "/search", GetAsync, Audience.Staff),
        new("SearchPost", "POST", "/search", PostAsync, Audience.Staff),
    ];

    [CascadingParameter] public PageContext Context { get; set; } = default!;

    [Parameter] public string? Query { get; set; }

    [Parameter] public SearchResults? Found { get; set; }

    [Parameter] public IReadOnlyList<Scheme> Schemes { get; set; } = [];

    private string SchemeName(string id) => Schemes.FirstOrDefault(s => s.Id == id)?.Name ?? id;

    private static string Summary(SearchResults results) => results.Referrals.Count switch
    {
        0 => "No referral of anyone with these details, in the schemes you work in.",
        var n when results.More => $"The {n} newest of more than {n} referrals found: add more of the name, or the postcode district, to narrow it.",
        var n => Display.Plural(n, "referral") + " found, newest first.",
    };

    private static Task<IResult> GetAsync(HttpContext http, PageRenderer pages) => pages.RenderAsync<Search>(http);

    private static async Task<IResult> PostAsync(HttpContext http, ApiServices services, SignIn.SchemeAccess access, PeopleSearch search, PageRenderer pages, CancellationToken cancellationToken)
    {
        if (await PostedForm.ReadAsync(http, cancellationToken) is not { } form)
        {
            return Results.StatusCode(StatusCodes.Status400BadRequest);
        }

        var query = form["query"]?.Trim();
        if (PeopleSearch.LooksLikeReference(query))
        {
            var wanted = query!.ToUpperInvariant();
            if (await services.Store.References.FindAsync(wanted, cancellationToken) is { } id && await access.MaySeeReferralAsync(id, cancellationToken))
            {
                return Results.Redirect("/referrals/" + Uri.EscapeDataString(id));
            }
        }

        var outcome = await search.SearchAsync(query, cancellationToken);
        var parameters = new Dictionary<string, object?> { [nameof(Query)] = query, [nameof(Schemes)] = await access.SchemesAsync(cancellationToken) };
        if (!outcome.Succeeded)
        {
            foreach (var message in outcome.Errors?.Values.SelectMany(m => m) ?? [outcome.Detail ?? "That search could not be done."])
            {
                form.ModelState.AddFieldError("query", message);
            }

            return await pages.RenderAsync<Search>(http, parameters, form.ModelState);
        }

        parameters[nameof(Found)] = outcome.Value;
        return await pages.RenderAsync<Search>(http, parameters);
    }
}
