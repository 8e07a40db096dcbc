using System.Net;
using PeerFlow.Domain.Email;

namespace PeerFlow.Orchestrations.Delivery;

/// <summary>Why a delivery attempt failed, in words for staff, and whether trying again could help.</summary>
public sealed record NoticeFailure(string Reason, bool Permanent, TimeSpan? RetryAfter = null)
{
    /// <summary>SendGrid's answers that mean "this email, as it is, will never be accepted": a bad address, a body too big.</summary>
    public static bool IsRefusal(HttpStatusCode status) =>
        status is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.UnprocessableEntity;

    /// <summary>
    /// Outages, throttling, a revoked key (401) or a sender not yet verified (403) pass once someone acts; they cost a
    /// late notice. A refused address or an email that cannot be written does not pass by waiting.
    /// </summary>
    public static NoticeFailure Of(Exception exception) => exception switch
    {
        NoticeRefusedException refused => new(refused.Message, Permanent: true),
        SendGridRateLimitedException limited => new("SendGrid is limiting how fast PeerFlow sends", false, limited.RetryAfter),
        SendGridRequestException { StatusCode: var status } when IsRefusal(status) => new($"SendGrid refused the email ({(int)status})", Permanent: true),
        SendGridRequestException { StatusCode: var status } when status != 0 => new($"SendGrid answered {(int)status}", Permanent: false),
        EmailSendInProgressException => new("another attempt was sending it", Permanent: false),
        EmailTemplateException => new("the email could not be written from its template", Permanent: true),
        HttpRequestException => new("SendGrid could not be reached", Permanent: false),
        TimeoutException or TaskCanceledException => new("SendGrid did not answer in time", Permanent: false),
        _ => new($"an error ({exception.GetType().Name})", Permanent: false),
    };
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
