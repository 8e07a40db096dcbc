namespace PeerFlow.Domain.Email;

/// <summary>One message as the mail capture listed it.</summary>
/// <param name="Template">The <see cref="SendGridCustomArgs.Template"/> custom arg, when present.</param>
/// <param name="IdempotencyKey">The <see cref="SendGridCustomArgs.IdempotencyKey"/> custom arg, when present.</param>
public sealed record CapturedMailSummary(
    string Id,
    string MessageId,
    DateTimeOffset ReceivedAt,
    IReadOnlyList<string> To,
    string Subject,
    string? Template,
    string? IdempotencyKey);

/// <summary>One message as the mail capture received it, with the SendGrid JSON it came in.</summary>
public sealed record CapturedMail(
    CapturedMailSummary Summary,
    string From,
    string? Text,
    string? Html,
    IReadOnlyDictionary<string, string> CustomArgs,
    IReadOnlyList<CapturedAttachment> Attachments,
    string Payload);

public sealed record CapturedAttachment(string FileName, string MimeType, ReadOnlyMemory<byte> Content);
