namespace PeerFlow.Domain.Records;

public enum RagStatus
{
    Green,
    Amber,
    Red,
}

/// <summary>A supervision check-in logged by the mentor or the coordinator.</summary>
public sealed record CheckIn
{
    public required string Id { get; init; }

    public required string ReferralId { get; init; }

    public required string MatchId { get; init; }

    public DateTime At { get; init; }

    public RagStatus Rag { get; init; }

    public bool MetSinceLastCheckIn { get; init; }

    /// <summary>Kept short; stored with the records, never in workflow history.</summary>
    public string? Notes { get; init; }
}
