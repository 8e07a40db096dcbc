namespace PeerFlow.Orchestrations;

/// <summary>
/// The custom status a referral's workflow publishes: its stage and what it has scheduled next, so a coordinator
/// sees what will happen and when. Codes and times only.
/// </summary>
public sealed record LifecycleStatus(string Stage, IReadOnlyList<ScheduledItem> Next);

public sealed record ScheduledItem(string Kind, DateTime DueAt);
