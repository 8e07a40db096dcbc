using Microsoft.AspNetCore.Mvc;
using PeerFlow.Domain.Schemes;
using PeerFlow.Web.Actions;

namespace PeerFlow.Web.Pages.Mentors;

public sealed class EditMentorModel(MentorActions mentors, SchemeCatalog schemes) : MentorFormModel(schemes)
{
    public string Id { get; private set; } = "";

    public string Name { get; private set; } = "";

    public override string Heading => $"Edit {Name}’s details";

    public override string SaveLabel => "Save changes";

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await mentors.GetAsync(id, cancellationToken) is not { } mentor)
        {
            return NotFound();
        }

        (Id, Name) = (id, mentor.Name);
        Input = MentorInput.From(mentor);
        await LoadOptionsAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (await mentors.GetAsync(id, cancellationToken) is not { } mentor)
        {
            return NotFound();
        }

        // The heading names the mentor as stored, not a half-typed new name.
        (Id, Name) = (id, mentor.Name);
        return await SaveAsync(request => mentors.UpdateAsync(id, request, cancellationToken), cancellationToken);
    }
}
