namespace PeerFlow.Domain.Sms;

/// <summary>Sends PeerFlow's texts, at most once per idempotency key.</summary>
public interface ISmsSender
{
    /// <summary>
    /// Sends <paramref name="text"/> unless a text was already sent (or may have been) for
    /// <paramref name="idempotencyKey"/>. Throws <see cref="TwilioRequestException"/> when Twilio did not take it,
    /// and network errors before the request left.
    /// </summary>
    Task<SmsSendStatus> SendAsync(OutgoingText text, string idempotencyKey, CancellationToken cancellationToken);
}

/// <summary>
/// A text to send: the number in E.164, the template it was written from (for the send log) and the body, written
/// from the same model as the email so it says no more than the email would.
/// </summary>
public sealed record OutgoingText(string ToNumber, string Template, string Body)
{
    /// <summary>The referral it is about, if any: its send record is erased with the referral.</summary>
    public string? ReferralId { get; init; }
}

public enum SmsSendStatus
{
    Sent,
    AlreadySent,

    /// <summary>An earlier attempt died while Twilio had the request; never sent again for the key (see the email log).</summary>
    Unknown,
}
