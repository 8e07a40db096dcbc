namespace PeerFlow.Domain.Records;

/// <summary>What a mentor's log records: the support and training the foster-carer and HIV peer-support seeds require.</summary>
public enum MentorLogKind
{
    Supervision,
    Training,
    Other,
}

/// <summary>
/// One line of a mentor's supervision and training log: kept under the mentor (partition = mentor id, newest first),
/// never in workflow history. The latest supervision is also kept on the <see cref="Mentor"/> record, so the dashboard
/// can say who is overdue without reading every log.
/// </summary>
public sealed record MentorLogEntry
{
    public required string Id { get; init; }

    public required string MentorId { get; init; }

    /// <summary>The day it happened (it may be logged later).</summary>
    public DateOnly On { get; init; }

    public MentorLogKind Kind { get; init; }

    /// <summary>Who gave the supervision or ran the training.</summary>
    public string? Who { get; init; }

    public string? Note { get; init; }

    public required string RecordedBy { get; init; }

    public DateTime RecordedAt { get; init; }
}
