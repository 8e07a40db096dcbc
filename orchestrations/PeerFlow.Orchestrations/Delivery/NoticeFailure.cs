using System.Net;
using PeerFlow.Domain.Email;
using PeerFlow.Domain.Notices;
using PeerFlow.Domain.Sms;

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
        NoticeChannelException channels => Combined(channels.Failures),
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

    /// <summary>
    /// One message of a notice that did not go, by channel and recipient: staff read "email: SendGrid answered 500",
    /// "text: Twilio refused the text to the mentor (400)".
    /// </summary>
    public static NoticeFailure Of(ChannelFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var (channel, role, exception) = (failure.Channel, failure.Role, failure.Exception);
        var cause = exception switch
        {
            SendGridRequestException { StatusCode: var status } when IsRefusal(status) => new($"SendGrid refused the email to the {role} ({(int)status})", Permanent: true),
            TwilioRequestException { Refused: true, StatusCode: var status } => new($"Twilio refused the text to the {role} ({(int)status})", Permanent: true),
            TwilioRequestException { StatusCode: HttpStatusCode.TooManyRequests } limited => new("Twilio is limiting how fast PeerFlow sends", false, limited.RetryAfter),
            TwilioRequestException { StatusCode: var status } when status != 0 => new($"Twilio answered {(int)status}", Permanent: false),
            SmsNotConfiguredException => new("Twilio is not set up (PEERFLOW_TWILIO_ACCOUNT_SID, PEERFLOW_TWILIO_AUTH_TOKEN)", Permanent: false),
            HttpRequestException when channel == "text" => new("Twilio could not be reached", Permanent: false),
            TimeoutException or TaskCanceledException when channel == "text" => new("Twilio did not answer in time", Permanent: false),
            EmailTemplateException when channel == "text" => new("the text could not be written from its template", Permanent: true),
            _ => Of(exception),
        };
        return cause with { Reason = $"{channel}: {cause.Reason}" };
    }

    /// <summary>Final only when every failed message is; tried again no sooner than the longest wait a provider asked for.</summary>
    private static NoticeFailure Combined(IReadOnlyList<ChannelFailure> failures)
    {
        var each = failures.Select(Of).ToList();
        return new NoticeFailure(
            string.Join("; ", each.Select(f => f.Reason).Distinct()),
            each.All(f => f.Permanent),
            each.Max(f => f.RetryAfter));
    }
}
