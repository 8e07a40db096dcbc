using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Schemes;
using PeerFlow.Web.Actions;
using PeerFlow.Web.Api;
using PeerFlow.Web.Rendering;

namespace PeerFlow.Web.Pages.Mentors;

/// <summary>What the mentor form posts: <see cref="MentorRequest"/>'s fields, with tags typed as comma-separated text.</summary>
public sealed class MentorInput
{
    public string? SchemeId { get; set; }

    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public bool Active { get; set; } = true;

    public int? Capacity { get; set; } = 2;

    public DateOnly? DbsCheckExpires { get; set; }

    public bool TrainingCompleted { get; set; }

    public DateOnly? TrainingExpires { get; set; }

    public string? PostcodeDistrict { get; set; }

    // A list, not an empty array: the binder adds ticked boxes into the collection it finds, and skips a read-only one.
    public IReadOnlyList<string> Availability { get; set; } = new List<string>();

    public string? Interests { get; set; }

    public string? Experiences { get; set; }

    public string? Languages { get; set; }

    public string? LearningStyles { get; set; }

    public string? Gender { get; set; }

    public static MentorInput From(Mentor mentor) => new()
    {
        SchemeId = mentor.SchemeId,
        Name = mentor.Name,
        Email = mentor.Email,
        Phone = mentor.Phone,
        Active = mentor.Active,
        Capacity = mentor.Capacity,
        DbsCheckExpires = mentor.DbsCheckExpires,
        TrainingCompleted = mentor.TrainingCompleted,
        TrainingExpires = mentor.TrainingExpires,
        PostcodeDistrict = mentor.PostcodeDistrict,
        Availability = mentor.Availability,
        Interests = string.Join(", ", mentor.Interests),
        Experiences = string.Join(", ", mentor.Experiences),
        Languages = string.Join(", ", mentor.Languages),
        LearningStyles = string.Join(", ", mentor.LearningStyles),
        Gender = mentor.Gender,
    };

    public MentorRequest ToRequest() => new()
    {
        SchemeId = SchemeId,
        Name = Name,
        Email = Email,
        Phone = Phone,
        Active = Active,
        // An empty capacity is no capacity at all, which the action refuses with its own message.
        Capacity = Capacity ?? 0,
        DbsCheckExpires = DbsCheckExpires,
        TrainingCompleted = TrainingCompleted,
        TrainingExpires = TrainingExpires,
        PostcodeDistrict = PostcodeDistrict,
        Availability = Availability,
        Interests = Split(Interests),
        Experiences = Split(Experiences),
        Languages = Split(Languages),
        LearningStyles = Split(LearningStyles),
        Gender = Gender,
    };

    private static string[] Split(string? tags) =>
        [.. (tags ?? "").Split([',', ';', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}

/// <summary>The one form behind "Add a mentor" and "Edit": options, and turning an outcome into a redirect or the form again.</summary>
public abstract class MentorFormModel(SchemeCatalog schemes) : PageModel
{
    /// <summary>
    /// The matcher compares availability slots as tags, so mentors and families must use the same words: these are the
    /// slots its documentation names. Anything else already on a mentor's record is offered too, so an edit keeps it.
    /// </summary>
    public static readonly IReadOnlyList<Choice> Slots = Vocabulary.Availability;

    public static readonly IReadOnlyList<Choice> YesNo = [new("true", "Yes"), new("false", "No")];

    [BindProperty]
    public MentorInput Input { get; set; } = new();

    public IReadOnlyList<Choice> SchemeOptions { get; private set; } = [];

    public IReadOnlyList<Choice> AvailabilityOptions =>
        [.. Slots, .. Input.Availability.Where(a => !Slots.Any(s => string.Equals(s.Value, a, StringComparison.OrdinalIgnoreCase))).Distinct(StringComparer.OrdinalIgnoreCase).Select(a => new Choice(a, a.Replace('-', ' ')))];

    public abstract string Heading { get; }

    public abstract string SaveLabel { get; }

    protected async Task LoadOptionsAsync(CancellationToken cancellationToken) =>
        SchemeOptions = [.. (await schemes.ListAsync(cancellationToken)).Select(s => new Choice(s.Id, s.Name))];

    /// <summary>Saves through <paramref name="save"/>; the profile on success, otherwise the form with every message.</summary>
    protected async Task<IActionResult> SaveAsync(Func<MentorRequest, Task<ActionOutcome>> save, CancellationToken cancellationToken)
    {
        // Text in the capacity box is not a number from 1 to 10: let the action say so, beside its other messages.
        if (ModelState.TryGetValue("Input.Capacity", out var capacity) && capacity.Errors.Count > 0)
        {
            capacity.Errors.Clear();
            capacity.ValidationState = ModelValidationState.Valid;
            Input.Capacity = 0;
        }

        // A date that did not parse cannot be sent on: saving it as blank would record "no DBS check".
        Reword("Input.DbsCheckExpires", "Enter the DBS check expiry as a real date, like 2027-03-31.");
        Reword("Input.TrainingExpires", "Enter the refresher training date as a real date, like 2027-03-31.");
        if (!ModelState.IsValid)
        {
            // Nothing is saved, but the person still hears about every other field at once, from the action's own rules.
            await LoadOptionsAsync(cancellationToken);
            var others = new MentorRequestValidator([.. SchemeOptions.Select(s => s.Value)]).Validate(Input.ToRequest());
            if (!others.IsValid)
            {
                ModelState.AddErrors(ActionOutcome.Invalid(others));
            }

            return Page();
        }

        var outcome = await save(Input.ToRequest());
        switch (outcome.Kind)
        {
            case OutcomeKind.Done:
                // See Other: the profile is fetched with a GET, so reloading it posts nothing again.
                Response.Headers.Location = "/mentors/" + Uri.EscapeDataString(((Mentor)outcome.Value!).Id);
                return StatusCode(StatusCodes.Status303SeeOther);
            case OutcomeKind.NotFound:
                return NotFound();
            default:
                ModelState.AddErrors(outcome);
                await LoadOptionsAsync(cancellationToken);
                return Page();
        }
    }

    private void Reword(string key, string message)
    {
        if (ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0)
        {
            entry.Errors.Clear();
            ModelState.AddModelError(key, message);
        }
    }
}
