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

    /// <summary>When a coordinator marked a mentee's message read (<see cref="FromMentee"/> only); null until then.</summary>
    public DateTime? ReadAt { get; init; }

    /// <summary>Who marked it read.</summary>
    public string? ReadBy { get; init; }

    /// <summary>The <see cref="About"/> of a worry a mentee raised through their link.</summary>
    public const string MenteeWorry = "mentee-worry";

    /// <summary>The <see cref="About"/> of a mentee's request for a different mentor, through their link.</summary>
    public const string MenteeChange = "mentee-change";

    /// <summary>A worry or a request for a different mentor, sent by the mentee through their link.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool FromMentee => About is MenteeWorry or MenteeChange;

    /// <summary>A mentee's message no coordinator has marked read: on the dashboard and the referral page until one does.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Unread => FromMentee && ReadAt is null;
}
