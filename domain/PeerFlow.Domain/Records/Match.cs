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

/// <summary>How a proposal was answered: written once on its match row, and the first to be written is kept.</summary>
public enum MatchAnswer
{
    Accepted,
    Declined,

    /// <summary>The referral was closed while the proposal was open.</summary>
    Withdrawn,

    /// <summary>The response window ended with no answer.</summary>
    Expired,
}

public sealed record Match
{
    public required string Id { get; init; }

    public required string ReferralId { get; init; }

    public required string MentorId { get; init; }

    public MatchStatus Status { get; init; } = MatchStatus.Proposed;

    public DateTime ProposedAt { get; init; }

    public DateTime? RespondedAt { get; init; }

    /// <summary>The one answer kept for this proposal; the workflow acts on this, never on what a signal says.</summary>
    public MatchAnswer? Answer { get; init; }

    public DateTime? AnsweredAt { get; init; }

    public DateTime? EndedAt { get; init; }

    /// <summary>Why the coordinator proposed over capacity: matches proposed before any filter could be overridden.</summary>
    public string? CapacityOverrideReason { get; init; }

    /// <summary>Why the coordinator proposed a mentor the shortlist excluded, when they did.</summary>
    public string? OverrideReason { get; init; }

    /// <summary>The shortlist's reasons the coordinator set aside (for example "Not local: EX vs TQ").</summary>
    public IReadOnlyList<string> Overridden { get; init; } = [];

    public string? EndReason { get; init; }

    /// <summary>What the mentor said when declining through their link, if anything: for the coordinator only.</summary>
    public string? DeclineReason { get; init; }
}
