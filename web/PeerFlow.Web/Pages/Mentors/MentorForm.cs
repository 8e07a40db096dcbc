using Microsoft.AspNetCore.Mvc.ModelBinding;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Schemes;
using PeerFlow.Web.Actions;
using PeerFlow.Web.Api;
using PeerFlow.Web.Rendering;
using PeerFlow.Web.SignIn;

namespace PeerFlow.Web.Pages.Mentors;

/// <summary>What the mentor form posts: <see cref="MentorRequest"/>'s fields, with tags typed as comma-separated text.</summary>
public sealed class MentorInput
{
    public string? SchemeId { get; set; }

    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? Mobile { get; set; }

    public bool TextConsent { get; set; }

    public PeerFlow.Domain.Sms.ContactChannel PreferredChannel { get; set; }

    public bool Active { get; set; } = true;

    public int? Capacity { get; set; } = 2;

    public DateOnly? DbsCheckExpires { get; set; }

    public bool TrainingCompleted { get; set; }

    public DateOnly? TrainingExpires { get; set; }

    public string? PostcodeDistrict { get; set; }

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
        Mobile = mentor.Mobile is { } mobile ? PeerFlow.Domain.Sms.UkMobile.Display(mobile) : null,
        TextConsent = mentor.TextConsent,
        PreferredChannel = mentor.PreferredChannel,
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
        Mobile = Mobile,
        TextConsent = TextConsent,
        PreferredChannel = PreferredChannel,
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

/// <summary>
/// The one form behind "Add a mentor" and "Edit": its options, and turning a post into a redirect to the profile or
/// the form again with every message.
/// </summary>
public sealed partial class MentorForm
{
    /// <summary>
    /// The matcher compares availability slots as tags, so mentors and families must use the same words: these are the
    /// slots its documentation names. Anything else already on a mentor's record is offered too, so an edit keeps it.
    /// </summary>
    public static readonly IReadOnlyList<Choice> Slots = Vocabulary.Availability;

    public static readonly IReadOnlyList<Choice> YesNo = [new("true", "Yes"), new("false", "No")];

    /// <summary>How a person wants messages; texts go only where the scheme sends them.</summary>
    public static readonly IReadOnlyList<Choice> Channels =
    [
        new(nameof(PeerFlow.Domain.Sms.ContactChannel.Email), "Email"),
        new(nameof(PeerFlow.Domain.Sms.ContactChannel.Sms), "Text message", "Email too when a text cannot go, or the scheme does not send texts."),
        new(nameof(PeerFlow.Domain.Sms.ContactChannel.Both), "Both"),
    ];

    public static IReadOnlyList<Choice> AvailabilityOptions(MentorInput input) =>
        [.. Slots, .. input.Availability.Where(a => !Slots.Any(s => string.Equals(s.Value, a, StringComparison.OrdinalIgnoreCase))).Distinct(StringComparer.OrdinalIgnoreCase).Select(a => new Choice(a, a.Replace('-', ' ')))];

    public static async Task<IReadOnlyList<Choice>> SchemeOptionsAsync(SchemeAccess schemes, CancellationToken cancellationToken) =>
        [.. (await schemes.SchemesAsync(cancellationToken)).Select(s => new Choice(s.Id, s.Name))];

    /// <summary>
    /// Saves a posted form through <paramref name="save"/>: the profile on success (See Other), otherwise the form
    /// drawn again by <paramref name="redraw"/> with the form's state and the scheme options.
    /// </summary>
    public static async Task<IResult> SaveAsync(
        HttpContext http,
        PostedForm form,
        SchemeAccess schemes,
        Func<MentorRequest, Task<ActionOutcome>> save,
        Func<MentorInput, IReadOnlyList<Choice>, ModelStateDictionary, Task<IResult>> redraw,
        CancellationToken cancellationToken)
    {
        var input = form.Bind<MentorInput>("Input");
        var modelState = form.ModelState;

        // Text in the capacity box is not a number from 1 to 10: let the action say so, beside its other messages.
        if (modelState.TryGetValue("Input.Capacity", out var capacity) && capacity.Errors.Count > 0)
        {
            capacity.Errors.Clear();
            capacity.ValidationState = ModelValidationState.Unvalidated;
            input.Capacity = 0;
        }

        // A date that did not parse cannot be sent on: saving it as blank would record "no DBS check".
        Reword(modelState, "Input.DbsCheckExpires", "Enter the DBS check expiry as a real date, like 2027-03-31.");
        Reword(modelState, "Input.TrainingExpires", "Enter the refresher training date as a real date, like 2027-03-31.");
        if (modelState.ErrorCount > 0)
        {
            // Nothing is saved, but the person still hears about every other field at once, from the action's own rules.
            var options = await SchemeOptionsAsync(schemes, cancellationToken);
            var others = new MentorRequestValidator([.. options.Select(s => s.Value)]).Validate(input.ToRequest());
            if (!others.IsValid)
            {
                modelState.AddErrors(ActionOutcome.Invalid(others));
            }

            return await redraw(input, options, modelState);
        }

        var outcome = await save(input.ToRequest());
        switch (outcome.Kind)
        {
            case OutcomeKind.Done:
                // See Other: the profile is fetched with a GET, so reloading it posts nothing again.
                http.Response.Headers.Location = "/mentors/" + Uri.EscapeDataString(((Mentor)outcome.Value!).Id);
                return Results.StatusCode(StatusCodes.Status303SeeOther);
            case OutcomeKind.NotFound:
                return Results.NotFound();
            default:
                modelState.AddErrors(outcome);
                return await redraw(input, await SchemeOptionsAsync(schemes, cancellationToken), modelState);
        }
    }

    private static void Reword(ModelStateDictionary modelState, string key, string message)
    {
        if (modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0)
        {
            entry.Errors.Clear();
            modelState.AddModelError(key, message);
        }
    }
}
