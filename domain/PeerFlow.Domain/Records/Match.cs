namespace PeerFlow.Domain.Records;

public enum MatchStatus
{
    Proposed,
    Declined,
    Expired,
    Active,
    BrokenDown,
    Ended,
}

public sealed record Match
{
    public required string Id { get; init; }

    public required string ReferralId { get; init; }

    public required string MentorId { get; init; }

    public MatchStatus Status { get; init; } = MatchStatus.Proposed;

    public DateTime ProposedAt { get; init; }

    public DateTime? RespondedAt { get; init; }

    public DateTime? EndedAt { get; init; }

    /// <summary>Why the coordinator proposed over capacity, when they did.</summary>
    public string? CapacityOverrideReason { get; init; }

    public string? EndReason { get; init; }
}
