using FluentValidation;
using PeerFlow.Domain.Records;

namespace PeerFlow.Web.Api;

public sealed class AssessmentRequestValidator : AbstractValidator<AssessmentRequest>
{
    public AssessmentRequestValidator(TimeProvider time)
    {
        Include(new TypedInputValidator<AssessmentRequest>());
        RuleFor(a => a.Outcome).NotEmpty().Must(o => Enum.TryParse<AssessmentOutcome>(o, true, out _))
            .WithMessage("Choose an outcome: suitable, deferred, notsuitable or withdrawn.");
        When(a => Is(a, AssessmentOutcome.Deferred), () =>
            RuleFor(a => a.RecontactOn).Cascade(CascadeMode.Stop).NotNull().WithMessage("A deferral needs a re-contact date.")
                .Must(d => d > DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)).WithMessage("The re-contact date must be in the future."));
        When(a => Is(a, AssessmentOutcome.NotSuitable), () =>
            RuleFor(a => a.SignpostedTo).NotEmpty().WithMessage("Say where the person was signposted."));
        When(a => Is(a, AssessmentOutcome.Suitable), () =>
        {
            RuleFor(a => a.Profile).NotNull().WithMessage("A suitable referral needs its matching profile.");
            RuleFor(a => a.Profile!.PostcodeDistrict).Matches("^[A-Za-z]{1,2}[0-9][0-9A-Za-z]?$").When(a => !string.IsNullOrWhiteSpace(a.Profile?.PostcodeDistrict))
                .WithMessage("Enter the first half of the postcode, like EX1.");
            When(a => a.Profile is not null, () =>
            {
                RuleFor(a => a.Profile!.Availability).Tags("times");
                RuleFor(a => a.Profile!.Interests).Tags("interests");
                RuleFor(a => a.Profile!.Experiences).Tags("experiences");
                RuleFor(a => a.Profile!.Languages).Tags("languages");
                RuleFor(a => a.Profile!.PreferredGender).MaximumLength(FieldRules.TagLength);
            });
        });
        RuleFor(a => a.SignpostedTo).MaximumLength(200);
    }

    private static bool Is(AssessmentRequest request, AssessmentOutcome outcome) =>
        Enum.TryParse<AssessmentOutcome>(request.Outcome, true, out var parsed) && parsed == outcome;
}

public sealed class CheckInRequestValidator : AbstractValidator<CheckInRequest>
{
    public CheckInRequestValidator()
    {
        Include(new TypedInputValidator<CheckInRequest>());
        RuleFor(c => c.Rag).NotEmpty().Must(r => Enum.TryParse<RagStatus>(r, true, out _)).WithMessage("Choose green, amber or red.");
        RuleFor(c => c.Notes).MaximumLength(1000).WithMessage("Keep notes to 1000 characters.");
        RuleFor(c => c.Notes).NotEmpty().When(c => c.RaiseConcern).WithMessage("Describe the safeguarding concern in the notes.");
    }
}

public sealed class FeedbackRequestValidator : AbstractValidator<FeedbackRequest>
{
    public FeedbackRequestValidator()
    {
        Include(new TypedInputValidator<FeedbackRequest>());
        RuleFor(f => f.From).Must(f => f is "mentee" or "mentor").WithMessage("Feedback is from the mentee or the mentor.");
        RuleFor(f => f.Helpfulness).InclusiveBetween(1, 5).WithMessage("Choose a number from 1 to 5.");
        RuleFor(f => f.Comments).MaximumLength(2000);
    }
}

public sealed class MentorRequestValidator : AbstractValidator<MentorRequest>
{
    public MentorRequestValidator(IReadOnlyCollection<string> schemeIds)
    {
        Include(new TypedInputValidator<MentorRequest>());
        RuleFor(m => m.SchemeId).NotEmpty().Must(id => id is null || schemeIds.Contains(id)).WithMessage("Choose one of the schemes.");
        RuleFor(m => m.Name).NotEmpty().WithMessage("Enter the mentor's name.").MaximumLength(100);
        RuleFor(m => m.Email).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Enter the mentor's email address.")
            .Must(PeerFlow.Domain.Email.EmailAddresses.IsValid).WithMessage("Enter an email address like name@example.com.");
        RuleFor(m => m.Capacity).InclusiveBetween(1, 10).WithMessage("Capacity is between 1 and 10 families.");
        RuleFor(m => m.Phone).Phone().When(m => !string.IsNullOrWhiteSpace(m.Phone));
        RuleFor(m => m.Mobile).Must(PeerFlow.Domain.Sms.UkMobile.IsValid).When(m => !string.IsNullOrWhiteSpace(m.Mobile)).WithMessage(PeerFlow.Domain.Sms.UkMobile.Message);
        RuleFor(m => m.Mobile).NotEmpty().When(m => m.PreferredChannel != PeerFlow.Domain.Sms.ContactChannel.Email)
            .WithMessage("Enter a mobile number for text messages, or choose email.");
        RuleFor(m => m.TextConsent).Equal(true).When(m => m.PreferredChannel != PeerFlow.Domain.Sms.ContactChannel.Email)
            .WithMessage("Texts go only to mentors who agreed to them: choose yes, or choose email.");
        RuleFor(m => m.Availability).Tags("times");
        RuleFor(m => m.Interests).Tags("interests");
        RuleFor(m => m.Experiences).Tags("experiences");
        RuleFor(m => m.Languages).Tags("languages");
        RuleFor(m => m.LearningStyles).Tags("learning styles");
        RuleFor(m => m.Gender).MaximumLength(FieldRules.TagLength);
        RuleFor(m => m.PostcodeDistrict).Matches("^[A-Za-z]{1,2}[0-9][0-9A-Za-z]?$").When(m => !string.IsNullOrWhiteSpace(m.PostcodeDistrict))
            .WithMessage("Enter the first half of the postcode, like EX1.");
    }
}

public static class ValidationResults
{
    /// <summary>RFC 7807 problem details with each field's errors, field names as the client sent them (camelCase).</summary>
    public static IResult Problem(FluentValidation.Results.ValidationResult result) => Actions.ActionOutcome.Invalid(result).ToResult();

    public static IResult Field(string field, string message) => Actions.ActionOutcome.Field(field, message).ToResult();
}
