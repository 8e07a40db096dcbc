namespace PeerFlow.Domain.Workflow;

/// <summary>
/// One thing a person did to a referral, stored before its workflow is told. The workflow takes signals from the
/// inbox in the order they were stored; the external event that follows is only a doorbell, so a signal raised while
/// the workflow changes generation is not lost. <see cref="Payload"/> holds ids and codes only.
/// </summary>
public sealed record InboxSignal(string Id, string Name, string Payload, DateTime StoredAt)
{
    /// <summary>The idempotency key of the workflow step that took it, once taken.</summary>
    public string? TakenBy { get; init; }

    /// <summary>"handled", or "ignored" when it came at a stage that has no use for it.</summary>
    public string? Outcome { get; init; }
}

/// <summary>What a referral's workflow will do next and when, kept by the workflow whenever its plan changes.</summary>
public sealed record ScheduleRow(string ReferralId, string SchemeId, string Stage, DateTime? DueAt, IReadOnlyList<ScheduleItem> Next, DateTime UpdatedAt);

public sealed record ScheduleItem(string Kind, DateTime DueAt);
