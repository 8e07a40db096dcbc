using PeerFlow.Domain.Records;
using PeerFlow.Web.Api;
using PeerFlow.Web.Rendering;

namespace PeerFlow.Web.Pages.Referrals;

/// <summary>The assessment form: the outcome, what each outcome needs, and the matching profile as tags.</summary>
public sealed class AssessmentInput
{
    public string? Outcome { get; set; }

    public DateOnly? RecontactOn { get; set; }

    public string? SignpostedTo { get; set; }

    public string? PostcodeDistrict { get; set; }

    public List<string> Availability { get; set; } = [];

    /// <summary>Comma-separated, as coordinators type tags.</summary>
    public string? Interests { get; set; }

    public string? Experiences { get; set; }

    public string? Languages { get; set; }

    public string? PreferredGender { get; set; }

    public string? LearningStyles { get; set; }

    public string? MeetsInPerson { get; set; } = "yes";

    /// <summary>The coordinator's note, kept in the contact log.</summary>
    public string? Note { get; set; }

    /// <summary>The family in words a proposed mentor may read (the "revise needs" form); blank clears it.</summary>
    public string? SharedDescription { get; set; }

    /// <summary>The matching profile alone, as the "revise needs" form posts it.</summary>
    public NeedsRequest ToNeeds() => new(new AssessmentInput { Outcome = nameof(AssessmentOutcome.Suitable), PostcodeDistrict = PostcodeDistrict, Availability = Availability, Interests = Interests, Experiences = Experiences, Languages = Languages, PreferredGender = PreferredGender, LearningStyles = LearningStyles, MeetsInPerson = MeetsInPerson }.ToRequest().Profile, Note, SharedDescription ?? "");

    public AssessmentRequest ToRequest() => new(
        Outcome,
        RecontactOn,
        string.IsNullOrWhiteSpace(SignpostedTo) ? null : SignpostedTo.Trim(),
        Outcome?.Equals(nameof(AssessmentOutcome.Suitable), StringComparison.OrdinalIgnoreCase) == true
            ? new MatchingProfile
            {
                PostcodeDistrict = string.IsNullOrWhiteSpace(PostcodeDistrict) ? null : PostcodeDistrict.Trim().ToUpperInvariant(),
                Availability = Availability,
                Interests = Split(Interests),
                Experiences = Split(Experiences),
                Languages = Split(Languages),
                PreferredGender = string.IsNullOrWhiteSpace(PreferredGender) ? null : PreferredGender.Trim(),
                LearningStyles = Split(LearningStyles),
                MeetsInPerson = MeetsInPerson != "no",
            }
            : null,
        Note);

    public static AssessmentInput From(MatchingProfile? profile, string? sharedDescription = null) => profile is null ? new() { SharedDescription = sharedDescription } : new()
    {
        SharedDescription = sharedDescription,
        PostcodeDistrict = profile.PostcodeDistrict,
        Availability = [.. profile.Availability],
        Interests = string.Join(", ", profile.Interests),
        Experiences = string.Join(", ", profile.Experiences),
        Languages = string.Join(", ", profile.Languages),
        PreferredGender = profile.PreferredGender,
        LearningStyles = string.Join(", ", profile.LearningStyles),
        MeetsInPerson = profile.MeetsInPerson ? "yes" : "no",
    };

    private static string[] Split(string? tags) =>
        [.. (tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase)];
}

public sealed class ProposeInput
{
    public string? MentorId { get; set; }

    public string? OverrideReason { get; set; }
}

public sealed class CheckInInput
{
    public string? Rag { get; set; }

    public string? Met { get; set; }

    public string? Notes { get; set; }

    /// <summary>"yes": the notes describe a safeguarding concern, raised with the check-in.</summary>
    public string? RaiseConcern { get; set; }
}

public sealed class ReasonInput
{
    public string? Reason { get; set; }

    /// <summary>The coordinator's note, kept in the contact log.</summary>
    public string? Note { get; set; }
}

/// <summary>A contact logged on the page: when it happened as a UK date and time, both left empty for "now".</summary>
public sealed class ContactInput
{
    public string? Kind { get; set; }

    public string? Date { get; set; }

    public string? Time { get; set; }

    public string? Who { get; set; }

    public string? Note { get; set; }

    /// <summary>The API's request: the date and time as UK local time, as the API takes a time without an offset.</summary>
    public ContactLogRequest ToRequest() => new(
        Kind,
        string.IsNullOrWhiteSpace(Date) && string.IsNullOrWhiteSpace(Time) ? null : $"{Date?.Trim()}T{Time?.Trim()}",
        Who,
        Note);
}

public sealed class ConcernInput
{
    public string? Details { get; set; }

    public string? Severity { get; set; }
}

/// <summary>An action on a concern, or (managers) its closure: the one form's fields, by which button posts them.</summary>
public sealed class ConcernFollowUpInput
{
    public string? Text { get; set; }

    public string? Owner { get; set; }

    public string? Outcome { get; set; }
}

public sealed class EraseInput
{
    /// <summary>The referral's reference, typed to confirm.</summary>
    public string? Reference { get; set; }
}

/// <summary>
/// Every form on the referral page, as posted: each post fills them all from the fields it carries (a form not posted
/// keeps its defaults), so the page drawn again after a failed post shows what was typed.
/// </summary>
public sealed class ReferralForms
{
    public AssessmentInput Assessment { get; init; } = new();

    public ProposeInput Propose { get; init; } = new();

    public CheckInInput CheckIn { get; init; } = new();

    public ReasonInput Breakdown { get; init; } = new();

    public ConcernInput Concern { get; init; } = new();

    public ReasonInput Closure { get; init; } = new();

    public EraseInput Erase { get; init; } = new();

    public ContactInput Contact { get; init; } = new();

    public AssessmentInput Needs { get; init; } = new();

    public ConcernFollowUpInput FollowUp { get; init; } = new();

    public static ReferralForms Bind(PostedForm form) => new()
    {
        Assessment = form.Bind<AssessmentInput>(nameof(Assessment)),
        Propose = form.Bind<ProposeInput>(nameof(Propose)),
        CheckIn = form.Bind<CheckInInput>(nameof(CheckIn)),
        Breakdown = form.Bind<ReasonInput>(nameof(Breakdown)),
        Concern = form.Bind<ConcernInput>(nameof(Concern)),
        Closure = form.Bind<ReasonInput>(nameof(Closure)),
        Erase = form.Bind<EraseInput>(nameof(Erase)),
        Contact = form.Bind<ContactInput>(nameof(Contact)),
        Needs = form.Bind<AssessmentInput>(nameof(Needs)),
        FollowUp = form.Bind<ConcernFollowUpInput>(nameof(FollowUp)),
    };
}
