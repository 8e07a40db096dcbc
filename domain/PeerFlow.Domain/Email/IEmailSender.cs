namespace PeerFlow.Domain.Email;

/// <summary>Sends PeerFlow's emails, at most once per idempotency key.</summary>
public interface IEmailSender
{
    /// <summary>
    /// Renders and sends <paramref name="email"/> unless an email was already sent (or may have been sent) for
    /// <paramref name="idempotencyKey"/>. Throws when sending failed in a way a retry can fix
    /// (<see cref="SendGridRequestException"/>, <see cref="SendGridRateLimitedException"/>,
    /// <see cref="EmailSendInProgressException"/>, network errors before the request left).
    /// </summary>
    /// <param name="idempotencyKey">The activity's stable key: the same key always means the same email.</param>
    Task<EmailSendResult> SendAsync(OutgoingEmail email, string idempotencyKey, CancellationToken cancellationToken);
}

/// <param name="MessageId">SendGrid's X-Message-Id, when SendGrid accepted the email and returned one.</param>
public sealed record EmailSendResult(EmailSendStatus Status, string? MessageId);

public enum EmailSendStatus
{
    /// <summary>This call sent the email.</summary>
    Sent,

    /// <summary>An earlier call sent it; nothing was sent now.</summary>
    AlreadySent,

    /// <summary>
    /// An earlier attempt died or timed out while SendGrid had the request, so it may or may not have gone out.
    /// PeerFlow does not send it again (never twice for one key); an operator can check SendGrid's activity feed for
    /// the key in custom_args and release it with <see cref="EmailSendLog.AllowResendAsync"/>.
    /// </summary>
    Unknown,
}
