using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Azure;
using Microsoft.Extensions.Logging;
using PeerFlow.Domain.Email;

namespace PeerFlow.Domain.Sms;

/// <summary>
/// Sends through Twilio's Messages API (<c>POST /2010-04-01/Accounts/{sid}/Messages.json</c>) at a configurable host,
/// at most once per idempotency key: the same claim-before-send log as email, in its own table. Twilio has no
/// idempotency key of its own, so an attempt cut off after the request went is never repeated.
/// </summary>
public sealed partial class TwilioSmsSender(HttpClient http, SmsOptions options, TextSendLog log, ILogger<TwilioSmsSender> logger) : ISmsSender
{
    /// <summary>
    /// The words of a text, links aside, fit two SMS segments: longer texts cost more and read badly on a phone.
    /// Signed links are counted apart: their tokens are sealed payloads of about 270 characters that cannot be cut.
    /// </summary>
    public const int MaxLength = 320;

    /// <summary>A text's length without its links.</summary>
    public static int WordsLength(string body) =>
        body.Split(' ').Where(w => !w.StartsWith("http://", StringComparison.Ordinal) && !w.StartsWith("https://", StringComparison.Ordinal)).Sum(w => w.Length + 1) - 1;

    public async Task<SmsSendStatus> SendAsync(OutgoingText text, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(text.ToNumber);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        if (WordsLength(text.Body) > MaxLength)
        {
            throw new EmailTemplateException($"Text '{text.Template}' is {WordsLength(text.Body)} characters without its links; texts are kept to {MaxLength}.");
        }

        var (sid, token) = options.ResolveAccount();
        var claim = await log.Rows.ClaimAsync(idempotencyKey, text.Template, text.ToNumber, text.ReferralId, cancellationToken);
        switch (claim.Outcome)
        {
            case SendClaimOutcome.AlreadySent:
                return SmsSendStatus.AlreadySent;
            case SendClaimOutcome.Unknown:
                LogUnknown(idempotencyKey, text.Template);
                return SmsSendStatus.Unknown;
            case SendClaimOutcome.InProgress:
                throw new EmailSendInProgressException($"Another attempt is sending the text for key '{idempotencyKey}'.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(options.Host.TrimEnd('/') + "/"), $"2010-04-01/Accounts/{Uri.EscapeDataString(sid)}/Messages.json"))
        {
            Content = new FormUrlEncodedContent([new("To", text.ToNumber), new("From", options.From), new("Body", text.Body)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{sid}:{token}")));
        request.Headers.Add("X-PeerFlow-Key", idempotencyKey);
        request.Headers.Add("X-PeerFlow-Template", text.Template);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError)
        {
            await log.Rows.MarkAsync(claim.Entity, EmailSendState.Failed, "could not connect to Twilio", CancellationToken.None);
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
        {
            await log.Rows.MarkAsync(claim.Entity, EmailSendState.Unknown, "the request to Twilio did not complete", CancellationToken.None);
            LogInterrupted(ex, idempotencyKey, text.Template);
            cancellationToken.ThrowIfCancellationRequested();
            return SmsSendStatus.Unknown;
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                var messageSid = await SidAsync(response, cancellationToken);
                try
                {
                    await log.Rows.MarkSentAsync(claim.Entity, messageSid, CancellationToken.None);
                }
                catch (RequestFailedException ex)
                {
                    LogNotRecorded(ex, idempotencyKey, text.Template);
                }

                return SmsSendStatus.Sent;
            }

            var status = (int)response.StatusCode;
            await log.Rows.MarkAsync(claim.Entity, EmailSendState.Failed, $"Twilio answered {status}", CancellationToken.None);
            LogRefused(idempotencyKey, text.Template, status);
            var retryAfter = response.StatusCode == HttpStatusCode.TooManyRequests ? response.Headers.RetryAfter?.Delta : null;
            throw new TwilioRequestException(response.StatusCode, $"Twilio answered {status} to text '{text.Template}' (key '{idempotencyKey}').", retryAfter);
        }
    }

    private static async Task<string?> SidAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            return body.RootElement.TryGetProperty("sid", out var sid) ? sid.GetString() : null;
        }
        catch (JsonException)
        {
            return null; // it was taken; the message id is only for looking it up in Twilio's console
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Text {Template} for key {IdempotencyKey} may or may not have been sent by an earlier attempt; it will not be sent again.")]
    private partial void LogUnknown(string idempotencyKey, string template);

    [LoggerMessage(Level = LogLevel.Error, Message = "The request to Twilio for text {Template}, key {IdempotencyKey}, did not complete; Twilio may have taken it, so it will not be sent again.")]
    private partial void LogInterrupted(Exception exception, string idempotencyKey, string template);

    [LoggerMessage(Level = LogLevel.Error, Message = "Twilio took text {Template}, key {IdempotencyKey}, but recording that failed.")]
    private partial void LogNotRecorded(Exception exception, string idempotencyKey, string template);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio answered {Status} to text {Template}, key {IdempotencyKey}; nothing was sent.")]
    private partial void LogRefused(string idempotencyKey, string template, int status);
}
