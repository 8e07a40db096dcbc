using System.Net;

namespace PeerFlow.Domain.Sms;

/// <summary>Twilio answered with a status other than 2xx, so it did not take the text: a retry may send it.</summary>
public class TwilioRequestException : Exception
{
    public TwilioRequestException()
    {
    }

    public TwilioRequestException(string message)
        : base(message)
    {
    }

    public TwilioRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TwilioRequestException(HttpStatusCode statusCode, string message, TimeSpan? retryAfter = null)
        : base(message)
    {
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>Twilio's Retry-After on a 429, when it gave one.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Twilio's answers meaning "this text, to this number, will never be taken": a bad number, a body too long.</summary>
    public bool Refused => StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity;
}

/// <summary>A scheme sends texts but PeerFlow has no Twilio account to send them with: passes once an operator sets one.</summary>
public sealed class SmsNotConfiguredException : Exception
{
    public SmsNotConfiguredException()
    {
    }

    public SmsNotConfiguredException(string message)
        : base(message)
    {
    }

    public SmsNotConfiguredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
