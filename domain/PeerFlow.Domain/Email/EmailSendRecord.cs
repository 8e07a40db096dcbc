using Azure;
using Azure.Data.Tables;

namespace PeerFlow.Domain.Email;

public enum EmailSendState
{
    Sending,
    Sent,
    Failed,
    Unknown,
}

/// <summary>What PeerFlow knows about the email sent for one key; never its content or address.</summary>
public sealed record EmailSendRecord(
    string IdempotencyKey,
    string Template,
    EmailSendState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastAttemptAt,
    int Attempts,
    DateTimeOffset? SentAt,
    string? MessageId,
    string? LastError);

internal enum SendClaimOutcome
{
    Claimed,
    AlreadySent,
    InProgress,
    Unknown,
}

internal sealed record SendClaim(SendClaimOutcome Outcome, EmailSendEntity Entity);

/// <summary>A row of <c>{prefix}EmailSends</c>. PartitionKey is the SHA-256 of the key: keys may hold characters a key column refuses.</summary>
internal sealed class EmailSendEntity : ITableEntity
{
    /// <summary>A shallow copy, for the copy of an Unknown row kept in its own partition.</summary>
    public EmailSendEntity Copy() => (EmailSendEntity)MemberwiseClone();

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Key { get; set; } = string.Empty;

    public string Template { get; set; } = string.Empty;

    public string RecipientHash { get; set; } = string.Empty;

    /// <summary>The referral the email is about (staff emails about a referral too); null for others, such as monthly reports.</summary>
    public string? ReferralId { get; set; }

    public string Status { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset AttemptAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public string? MessageId { get; set; }

    public string? LastError { get; set; }

    public EmailSendRecord ToRecord() =>
        new(Key, Template, Enum.Parse<EmailSendState>(Status), CreatedAt, AttemptAt, Attempts, SentAt, MessageId, LastError);
}
