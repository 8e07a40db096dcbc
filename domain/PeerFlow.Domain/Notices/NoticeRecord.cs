namespace PeerFlow.Domain.Notices;

/// <summary>Where a notice is on its way to people.</summary>
public enum NoticeState
{
    /// <summary>Due and not yet delivered: its delivery is trying, or waiting to try again.</summary>
    Pending,

    /// <summary>Every email of it was accepted by the provider (or an earlier attempt may have been, and is never repeated).</summary>
    Delivered,

    /// <summary>Given up after its retries, or refused by the provider: staff see it and act.</summary>
    Undelivered,

    /// <summary>Undelivered, then dealt with by a person another way (a phone call).</summary>
    Handled,
}

/// <summary>
/// A notice the lifecycle decided was due: the outbox row its delivery works from, kept in the referral's partition
/// of the <c>Notices</c> table under the lifecycle's idempotency key. It holds codes and times, never a name or an
/// address: the delivery reads those from the records when it sends.
/// </summary>
public sealed record NoticeRecord
{
    public required string ReferralId { get; init; }

    public required string Key { get; init; }

    /// <summary>The lifecycle's notice code (its <c>Notice</c> name).</summary>
    public required string Code { get; init; }

    public string? MatchId { get; init; }

    /// <summary>The date the notice is about (a deadline), when it has one.</summary>
    public DateTime? DueAt { get; init; }

    /// <summary>The workflow's time when it decided the notice was due.</summary>
    public required DateTime QueuedAt { get; init; }

    /// <summary>Sorts the referral's notices in the order the workflow decided them: time, generation, step.</summary>
    public required string Order { get; init; }

    /// <summary>Safeguarding alerts and escalations: never held behind an earlier notice that is failing.</summary>
    public bool Urgent { get; init; }

    public NoticeState State { get; init; } = NoticeState.Pending;

    public int Attempts { get; init; }

    public DateTime? LastTriedAt { get; init; }

    /// <summary>Why the last attempt failed, in words for staff ("SendGrid answered 500").</summary>
    public string? LastError { get; init; }

    public DateTime? DeliveredAt { get; init; }

    /// <summary>How many times staff asked for it to be tried again; each try is a delivery of its own.</summary>
    public int Retries { get; init; }

    public string? HandledBy { get; init; }

    public DateTime? HandledAt { get; init; }

    /// <summary>Plain columns beside the JSON, for filters.</summary>
    public static IReadOnlyDictionary<string, object?> Columns(NoticeRecord notice) => new Dictionary<string, object?>
    {
        ["State"] = notice.State.ToString(),
        ["Code"] = notice.Code,
    };
}
