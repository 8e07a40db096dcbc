namespace PeerFlow.Orchestrations.Delivery;

/// <summary>One notice's delivery: ids only. <see cref="Attempt"/> and <see cref="Waits"/> carry over a new generation.</summary>
public sealed record NoticeDeliveryInput(string ReferralId, string Key)
{
    public int Attempt { get; init; }

    public int Waits { get; init; }
}

/// <summary>One try at delivering a notice; <see cref="Last"/> says that a failure now is final.</summary>
public sealed record DeliveryAttempt(string ReferralId, string Key, int Attempt, bool Last);

public enum DeliveryOutcome
{
    /// <summary>Sent, or nothing left to send (delivered before, dealt with by staff, or the referral was erased).</summary>
    Done,

    /// <summary>Failed for a reason that passes (an outage, throttling, a revoked key): try again later.</summary>
    Retry,

    /// <summary>
    /// Not tried (an earlier notice of the same referral is still on its way, and people read them in order), or a
    /// text held for the scheme's quiet hours, with <see cref="DeliveryResult.RetryAfter"/> saying until when.
    /// </summary>
    Wait,

    /// <summary>Given up or refused: shown to staff as not delivered.</summary>
    Undelivered,
}

/// <summary>What came of an attempt. <see cref="RetryAfter"/> is the provider's own request (429 Retry-After).</summary>
public sealed record DeliveryResult(DeliveryOutcome Outcome, TimeSpan? RetryAfter = null);
