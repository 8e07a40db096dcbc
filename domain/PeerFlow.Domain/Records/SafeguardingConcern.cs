using System.Text.Json.Serialization;

namespace PeerFlow.Domain.Records;

public enum ConcernSeverity
{
    Low,
    Medium,
    High,
}

/// <summary>Something done about a concern, and when: a call to the family, a referral to children's services.</summary>
public sealed record ConcernAction(DateTime At, string By, string Text);

/// <summary>
/// A safeguarding concern, kept in its own table: the most sensitive thing PeerFlow stores. A tracked item: raised by
/// someone, owned by a member of staff, with the actions taken and, once a manager closes it, its outcome.
/// </summary>
public sealed record SafeguardingConcern(string ReferralId, DateTime At, string RaisedBy, string Details)
{
    /// <summary>Its row key in the referral's partition; set when read.</summary>
    public string? Id { get; init; }

    /// <summary>Null for concerns raised before severity was asked; shown as not stated.</summary>
    public ConcernSeverity? Severity { get; init; }

    /// <summary>The member of staff seeing it through.</summary>
    public string? Owner { get; init; }

    public IReadOnlyList<ConcernAction> Actions { get; init; } = [];

    public string? Outcome { get; init; }

    public DateTime? ClosedAt { get; init; }

    public string? ClosedBy { get; init; }

    [JsonIgnore]
    public bool IsOpen => ClosedAt is null;
}
