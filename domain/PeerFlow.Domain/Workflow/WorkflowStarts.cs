namespace PeerFlow.Domain.Workflow;

/// <summary>
/// A referral whose workflow is to be started and not yet known to be: written before the referral row becomes
/// visible and deleted once the workflow exists, so the sweeper finds every referral a crash left without one.
/// Kept in the <c>Starts</c> table under <see cref="Partition"/>, one row per referral.
/// </summary>
public sealed record PendingStart
{
    public const string Partition = "pending";

    public required string ReferralId { get; init; }

    public DateTime MarkedAt { get; init; }

    /// <summary>Claims taken so far; each claim is one party's right to start the workflow once.</summary>
    public int Attempts { get; init; }

    public DateTime? LastAttemptAt { get; init; }

    /// <summary>A restart from the records (a failed or lost workflow), not a first start.</summary>
    public bool Restart { get; init; }
}

/// <summary>
/// An open referral whose workflow stopped (failed, or terminated) and so will remind and escalate nothing: shown to
/// staff until it is restarted. Ids, codes and times only. Kept in the <c>Stopped</c> table under
/// <see cref="Partition"/>.
/// </summary>
public sealed record StoppedWorkflow
{
    public const string Partition = "stopped";

    public required string ReferralId { get; init; }

    public required string Reference { get; init; }

    public required string SchemeId { get; init; }

    /// <summary>The engine's status: Failed or Terminated.</summary>
    public required string Status { get; init; }

    public DateTime StoppedAt { get; init; }

    public DateTime NoticedAt { get; init; }
}
