using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Azure;
using Microsoft.Extensions.Logging;
using SendGrid;
using SendGrid.Helpers.Mail;
using Response = SendGrid.Response;

namespace PeerFlow.Domain.Email;

/// <summary>
/// Sends through SendGrid's v3 Mail Send API, at most once per idempotency key (see <see cref="EmailSendLog"/> for
/// how, and why an uncertain attempt is never repeated).
/// </summary>
public sealed partial class SendGridEmailSender : IEmailSender
{
    private readonly SendGridClient client;
    private readonly EmailOptions options;
    private readonly EmailSendLog log;
    private readonly TimeProvider time;
    private readonly ILogger<SendGridEmailSender> logger;

    public SendGridEmailSender(HttpClient http, EmailOptions options, EmailSendLog log, TimeProvider time, ILogger<SendGridEmailSender> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        client = new SendGridClient(http, new SendGridClientOptions { ApiKey = options.ResolveApiKey(), Host = options.Host });
        this.options = options;
        this.log = log;
        this.time = time;
        this.logger = logger;
    }

    public async Task<EmailSendResult> SendAsync(OutgoingEmail email, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentException.ThrowIfNullOrEmpty(email.ToAddress);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);

        // Render first: a template error must not leave a record behind that blocks the fixed template later.
        var message = Build(email, EmailTemplates.Render(email.Template, email.Model, email.Signature), idempotencyKey);
        var claim = await log.ClaimAsync(idempotencyKey, email.Template, email.ToAddress, email.ReferralId, cancellationToken);
        switch (claim.Outcome)
        {
            case SendClaimOutcome.AlreadySent:
                return new EmailSendResult(EmailSendStatus.AlreadySent, claim.Entity.MessageId);
            case SendClaimOutcome.Unknown:
                LogUnknown(idempotencyKey, email.Template);
                return new EmailSendResult(EmailSendStatus.Unknown, null);
            case SendClaimOutcome.InProgress:
                throw new EmailSendInProgressException($"Another attempt is sending the email for key '{idempotencyKey}'.");
        }

        Response response;
        try
        {
            response = await client.SendEmailAsync(message, cancellationToken);
        }
        catch (HttpRequestException ex) when (NeverLeft(ex))
        {
            await log.MarkAsync(claim.Entity, EmailSendState.Failed, "could not connect to SendGrid", CancellationToken.None);
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
        {
            // Timed out or cut off after the request went: SendGrid may have accepted it. Don't send it again.
            await log.MarkAsync(claim.Entity, EmailSendState.Unknown, "the request to SendGrid did not complete", CancellationToken.None);
            LogInterrupted(ex, idempotencyKey, email.Template);
            cancellationToken.ThrowIfCancellationRequested();
            return new EmailSendResult(EmailSendStatus.Unknown, null);
        }

        if (response.IsSuccessStatusCode)
        {
            var messageId = response.Headers.TryGetValues("X-Message-Id", out var values) ? values.FirstOrDefault() : null;
            try
            {
                await log.MarkSentAsync(claim.Entity, messageId, CancellationToken.None);
            }
            catch (RequestFailedException ex)
            {
                // It was sent: say so. The row stays Sending and becomes Unknown after the lease, so it is never re-sent.
                LogNotRecorded(ex, idempotencyKey, email.Template);
            }

            return new EmailSendResult(EmailSendStatus.Sent, messageId);
        }

        // SendGrid refused the request, so nothing was sent and a retry may send it.
        var status = (int)response.StatusCode;
        await log.MarkAsync(claim.Entity, EmailSendState.Failed, $"SendGrid answered {status}", CancellationToken.None);
        LogRefused(idempotencyKey, email.Template, status);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            throw new SendGridRateLimitedException(RetryAfter(response.Headers), $"SendGrid is rate-limiting PeerFlow (email '{email.Template}', key '{idempotencyKey}').");
        }

        throw new SendGridRequestException(response.StatusCode, $"SendGrid answered {status} to email '{email.Template}' (key '{idempotencyKey}').");
    }

    private SendGridMessage Build(OutgoingEmail email, RenderedEmail rendered, string idempotencyKey)
    {
        var message = new SendGridMessage
        {
            From = new EmailAddress(options.FromAddress, options.FromName),
            Subject = rendered.Subject,
            PlainTextContent = rendered.Text,
            HtmlContent = rendered.Html,
        };
        message.AddTo(new EmailAddress(email.ToAddress, string.IsNullOrWhiteSpace(email.ToName) ? null : email.ToName));
        message.AddCustomArg(SendGridCustomArgs.IdempotencyKey, idempotencyKey);
        message.AddCustomArg(SendGridCustomArgs.Template, email.Template);
        foreach (var attachment in email.Attachments)
        {
            message.AddAttachment(attachment.FileName, Convert.ToBase64String(attachment.Content.Span), attachment.MimeType, "attachment");
        }

        // Tracking would rewrite signed links through SendGrid's redirector and report who opened what: neither is wanted.
        message.SetClickTracking(false, false);
        message.SetOpenTracking(false);
        return message;
    }

    /// <summary>Failures before a byte of the request was sent: SendGrid cannot have the email.</summary>
    private static bool NeverLeft(HttpRequestException ex) =>
        ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError;

    /// <summary>Retry-After if given, else SendGrid's X-RateLimit-Reset (Unix seconds).</summary>
    private TimeSpan? RetryAfter(HttpResponseHeaders headers)
    {
        if (headers.RetryAfter is { } retryAfter)
        {
            return retryAfter.Delta ?? (retryAfter.Date is { } date ? Positive(date - time.GetUtcNow()) : null);
        }

        return headers.TryGetValues("X-RateLimit-Reset", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var reset)
            ? Positive(DateTimeOffset.FromUnixTimeSeconds(reset) - time.GetUtcNow())
            : null;
    }

    private static TimeSpan Positive(TimeSpan value) => value > TimeSpan.Zero ? value : TimeSpan.Zero;

    [LoggerMessage(Level = LogLevel.Error, Message = "Email {Template} for key {IdempotencyKey} may or may not have been sent by an earlier attempt; it will not be sent again. Check SendGrid's activity feed for custom arg peerflow_key.")]
    private partial void LogUnknown(string idempotencyKey, string template);

    [LoggerMessage(Level = LogLevel.Error, Message = "The request to SendGrid for email {Template}, key {IdempotencyKey}, did not complete; SendGrid may have accepted it, so it will not be sent again.")]
    private partial void LogInterrupted(Exception exception, string idempotencyKey, string template);

    [LoggerMessage(Level = LogLevel.Error, Message = "SendGrid accepted email {Template}, key {IdempotencyKey}, but recording that failed.")]
    private partial void LogNotRecorded(Exception exception, string idempotencyKey, string template);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid answered {Status} to email {Template}, key {IdempotencyKey}; nothing was sent.")]
    private partial void LogRefused(string idempotencyKey, string template, int status);
}
