using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Schemes;
using PeerFlow.Web.Actions;

namespace PeerFlow.Web.Pages.Mentors;

public sealed class MentorListModel(MentorActions mentors, SchemeCatalog schemes, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Scheme { get; set; }

    public IReadOnlyList<Mentor> Mentors { get; private set; } = [];

    public IReadOnlyList<Scheme> Schemes { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Schemes = await schemes.ListAsync(cancellationToken);
        if (!Schemes.Any(s => s.Id == Scheme))
        {
            Scheme = null;
        }

        Mentors = await mentors.ListAsync(Scheme, cancellationToken);
        Today = MentorDisplay.Today(time);
    }

    public string SchemeName(string id) => Schemes.FirstOrDefault(s => s.Id == id)?.Name ?? id;
}
