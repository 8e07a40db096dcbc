using System.Net;

namespace PeerFlow.Domain.Email;

/// <summary>SendGrid answered with a status other than 2xx, so it did not accept the email: a retry may send it.</summary>
public class SendGridRequestException : Exception
{
    public SendGridRequestException()
    {
    }

    public SendGridRequestException(string message)
        : base(message)
    {
    }

    public SendGridRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SendGridRequestException(HttpStatusCode statusCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
    }

    public HttpStatusCode StatusCode { get; }
}

/// <summary>SendGrid answered 429: retry no sooner than <see cref="RetryAfter"/> (when SendGrid said).</summary>
public sealed class SendGridRateLimitedException : SendGridRequestException
{
    public SendGridRateLimitedException()
    {
    }

    public SendGridRateLimitedException(string message)
        : base(message)
    {
    }

    public SendGridRateLimitedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SendGridRateLimitedException(TimeSpan? retryAfter, string message)
        : base(HttpStatusCode.TooManyRequests, message)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>From Retry-After or X-RateLimit-Reset; null when SendGrid gave neither.</summary>
    public TimeSpan? RetryAfter { get; }
}

/// <summary>
/// Another attempt with the same key is talking to SendGrid right now (the activity ran twice at once). Retry later:
/// by then the other attempt has recorded its outcome.
/// </summary>
public sealed class EmailSendInProgressException : Exception
{
    public EmailSendInProgressException()
    {
    }

    public EmailSendInProgressException(string message)
        : base(message)
    {
    }

    public EmailSendInProgressException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A template is unknown, does not parse, or needs a model member that is missing or null.</summary>
public sealed class EmailTemplateException : Exception
{
    public EmailTemplateException()
    {
    }

    public EmailTemplateException(string message)
        : base(message)
    {
    }

    public EmailTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
