namespace PeerFlow.Domain.Schemes;

/// <summary>A scheme's policy as stored: each change is a new version, and a referral records the one it runs on.</summary>
public sealed record VersionedPolicy(string SchemeId, int Version, SchemePolicy Policy, DateTime EffectiveFrom);
