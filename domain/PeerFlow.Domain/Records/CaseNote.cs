namespace PeerFlow.Domain.Records;

/// <summary>How a coordinator was in touch with the people on a referral.</summary>
public enum ContactKind
{
    Phone,
    Visit,
    Message,
    Email,
    Meeting,
}

/// <summary>
/// One line of a referral's contact log, or a coordinator's note on a step (assessment, breakdown, closure, revised
/// needs). Personal data: kept in its own table with the records, never in workflow history, and erased with the referral.
/// </summary>
public sealed record CaseNote
{
    public required string Id { get; init; }

    public required string ReferralId { get; init; }

    /// <summary>When the contact happened (it may be logged later), or when the note was written.</summary>
    public DateTime At { get; init; }

    /// <summary>The kind of contact; null for a note on a step.</summary>
    public ContactKind? Contact { get; init; }

    /// <summary>The step a note belongs to: "assessment", "breakdown", "closure" or "needs"; null for a contact.</summary>
    public string? About { get; init; }

    /// <summary>Who made the contact: a name typed, or the staff member who logged it.</summary>
    public string? Who { get; init; }

    public string? Text { get; init; }

    public required string RecordedBy { get; init; }

    public DateTime RecordedAt { get; init; }
}
