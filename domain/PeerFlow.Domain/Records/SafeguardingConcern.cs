namespace PeerFlow.Domain.Records;

/// <summary>A safeguarding concern, kept in its own table: the most sensitive thing PeerFlow stores.</summary>
public sealed record SafeguardingConcern(string ReferralId, DateTime At, string RaisedBy, string Details);
