using FluentValidation;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Text;

namespace PeerFlow.Web.Api;

/// <summary>What a referral must have before anything is stored. Messages are written for the person filling the form.</summary>
public sealed class ReferralSubmissionValidator : AbstractValidator<ReferralSubmission>
{
    public ReferralSubmissionValidator(IReadOnlyCollection<string> schemeIds)
    {
        Include(new TypedInputValidator<ReferralSubmission>());
        RuleFor(r => r.SchemeId).NotEmpty().WithMessage("Choose the scheme you are referring to.")
            .Must(id => id is null || schemeIds.Contains(id)).WithMessage("Choose one of the schemes listed.");
        RuleFor(r => r.Name).NotEmpty().WithMessage(r => r.Kind == ReferralKind.Self ? "Enter your full name." : "Enter the name of the person being referred.").MaximumLength(100);
        RuleFor(r => r.Email).Must(PeerFlow.Domain.Email.EmailAddresses.IsValid).When(r => !string.IsNullOrWhiteSpace(r.Email)).WithMessage("Enter an email address like name@example.com.");
        RuleFor(r => r).Must(r => !string.IsNullOrWhiteSpace(r.Email) || !string.IsNullOrWhiteSpace(r.Phone) || !string.IsNullOrWhiteSpace(r.Mobile))
            .WithName("Email").WithMessage("Give an email address or a phone number so we can make contact.");
        RuleFor(r => r.Phone).Phone().When(r => !string.IsNullOrWhiteSpace(r.Phone));
        RuleFor(r => r.Mobile).Must(PeerFlow.Domain.Sms.UkMobile.IsValid).When(r => !string.IsNullOrWhiteSpace(r.Mobile)).WithMessage(PeerFlow.Domain.Sms.UkMobile.Message);
        RuleFor(r => r.Mobile).NotEmpty().When(r => r.PreferredChannel != PeerFlow.Domain.Sms.ContactChannel.Email)
            .WithMessage("Enter a mobile number for text messages, or choose email.");
        RuleFor(r => r.TextConsent).Equal(true).When(r => r.PreferredChannel != PeerFlow.Domain.Sms.ContactChannel.Email)
            .WithMessage("Tick the box to agree to text messages, or choose email.");
        RuleFor(r => r.PostcodeDistrict).Matches("^[A-Za-z]{1,2}[0-9][0-9A-Za-z]?$").When(r => !string.IsNullOrWhiteSpace(r.PostcodeDistrict))
            .WithMessage("Enter the first half of the postcode, like EX1 or TQ12, or the whole postcode.");
        // Optional, never required: only an answer that is not one of the codes is refused.
        RuleFor(r => r.AgeBand).Must(c => Codes.TryParse<AgeBand>(c, out _)).When(r => !string.IsNullOrWhiteSpace(r.AgeBand)).WithMessage(Choose<AgeBand>("age band"));
        RuleFor(r => r.Gender).Must(c => Codes.TryParse<Gender>(c, out _)).When(r => !string.IsNullOrWhiteSpace(r.Gender)).WithMessage(Choose<Gender>("gender"));
        RuleFor(r => r.EthnicGroup).Must(c => Codes.TryParse<EthnicGroup>(c, out _)).When(r => !string.IsNullOrWhiteSpace(r.EthnicGroup)).WithMessage(Choose<EthnicGroup>("ethnic group"));
        RuleFor(r => r.Disability).Must(c => Codes.TryParse<Disability>(c, out _)).When(r => !string.IsNullOrWhiteSpace(r.Disability)).WithMessage(Choose<Disability>("answer"));
        RuleFor(r => r.ReasonForReferral).MaximumLength(2000).WithMessage("Keep the reason to 2000 characters.");
        When(r => r.Kind == ReferralKind.Professional, () =>
        {
            RuleFor(r => r.ReferrerName).NotEmpty().WithMessage("Enter your name.").MaximumLength(100);
            RuleFor(r => r.ReferrerEmail).NotEmpty().WithMessage("Enter your work email address.")
                .Must(PeerFlow.Domain.Email.EmailAddresses.IsValid).WithMessage("Enter an email address like name@example.com.");
            RuleFor(r => r.ReferrerPhone).Phone().When(r => !string.IsNullOrWhiteSpace(r.ReferrerPhone));
            RuleFor(r => r.ReferrerSector).NotEmpty().WithMessage("Choose the kind of service you work in.")
                .Must(code => string.IsNullOrWhiteSpace(code) || ReferrerSectors.TryParse(code, out _))
                .WithMessage($"Choose one of the kinds of service listed ({string.Join(", ", ReferrerSectors.All)}).");
            RuleFor(r => r.ReferrerOrganisation).MaximumLength(FieldRules.ShortTextLength);
        });

        static string Choose<T>(string what)
            where T : struct, Enum => $"Choose one of the options listed, or leave the {what} out ({string.Join(", ", Enum.GetNames<T>())}).";

        // Last, as on the form: the summary of errors follows the form's order.
        RuleFor(r => r.Consent).Equal(true).WithMessage(r => r.Kind == ReferralKind.Self
            ? "You need to agree to the referral before we can take it."
            : "The person being referred must agree to the referral.");
    }
}
