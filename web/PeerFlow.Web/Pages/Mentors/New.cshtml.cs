using Microsoft.AspNetCore.Mvc;
using PeerFlow.Domain.Schemes;
using PeerFlow.Web.Actions;

namespace PeerFlow.Web.Pages.Mentors;

public sealed class NewMentorModel(MentorActions mentors, SchemeCatalog schemes) : MentorFormModel(schemes)
{
    public override string Heading => "Add a mentor";

    public override string SaveLabel => "Add mentor";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadOptionsAsync(cancellationToken);

        // With one scheme there is nothing to choose.
        if (SchemeOptions.Count == 1)
        {
            Input.SchemeId = SchemeOptions[0].Value;
        }
    }

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        SaveAsync(request => mentors.CreateAsync(request, cancellationToken), cancellationToken);
}
