namespace PeerFlow.Domain.Notices;

/// <summary>
/// Sends the emails and texts of one notice. Implementations must send each message at most once per key and
/// channel, and try every channel whatever another one does.
/// </summary>
public interface INoticeSender
{
    /// <exception cref="NoticeChannelException">Some messages did not go; the others did.</exception>
    Task<NoticeSendResult> SendAsync(NoticeRequest request, string idempotencyKey, CancellationToken cancellationToken);
}

/// <summary>
/// What a send did when nothing failed: everything went, or a text was held for the scheme's quiet hours until
/// <see cref="HeldUntil"/> (the emails went).
/// </summary>
public sealed record NoticeSendResult(DateTimeOffset? HeldUntil = null)
{
    /// <summary>What was not sent and why, when the notice was due but there was nothing left to ask anyone.</summary>
    public string? NotSent { get; init; }

    /// <summary>Every message of the notice waits for the coordinator's 09:00 digest, whose hold wrote the timeline's line.</summary>
    public bool AllHeldForDigest { get; init; }

    public static NoticeSendResult Sent { get; } = new();
}

/// <summary>A message of a notice that did not go: its channel ("email" or "text"), the recipient's role and why.</summary>
public sealed record ChannelFailure(string Channel, string Role, Exception Exception);

/// <summary>Some of a notice's messages did not go (each channel was tried whatever the other did); the rest were sent.</summary>
public sealed class NoticeChannelException : Exception
{
    public NoticeChannelException()
        : this([])
    {
    }

    public NoticeChannelException(string message)
        : base(message)
    {
        Failures = [];
    }

    public NoticeChannelException(string message, Exception innerException)
        : base(message, innerException)
    {
        Failures = [];
    }

    public NoticeChannelException(IReadOnlyList<ChannelFailure> failures)
        : base($"{failures.Count} messages of the notice did not go.", failures.Count > 0 ? failures[0].Exception : null)
    {
        Failures = failures;
    }

    public IReadOnlyList<ChannelFailure> Failures { get; }
}

/// <summary>The provider refused some of a notice's emails for good; the rest were sent.</summary>
public sealed class NoticeRefusedException : Exception
{
    public NoticeRefusedException()
    {
    }

    public NoticeRefusedException(string message)
        : base(message)
    {
    }

    public NoticeRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
