namespace PeerFlow.Domain.Email;

/// <summary>
/// An email to send: the recipient, the template (see <see cref="EmailTemplateNames"/>) and its model (a record from
/// Email/Models). The model holds first names, references, dates and links only: never health details or a
/// referral's narrative.
/// </summary>
public sealed record OutgoingEmail(string ToAddress, string ToName, string Template, object Model, IReadOnlyList<EmailAttachment> Attachments)
{
    public OutgoingEmail(string toAddress, string toName, string template, object model)
        : this(toAddress, toName, template, model, [])
    {
    }

    /// <summary>Who the recipient can contact about it; staff emails go without one.</summary>
    public EmailSignature? Signature { get; init; }

    /// <summary>The referral the email is about, if any: its send record is erased with the referral.</summary>
    public string? ReferralId { get; init; }
}

/// <summary>A file sent with an email, such as a check-in's calendar invite.</summary>
public sealed record EmailAttachment(string FileName, string MimeType, ReadOnlyMemory<byte> Content);
