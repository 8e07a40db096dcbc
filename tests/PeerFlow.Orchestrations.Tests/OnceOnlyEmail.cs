using System.Collections.Concurrent;
using PeerFlow.Domain.Email;

namespace PeerFlow.Orchestrations.Tests;

/// <summary>Sends each key once, as the real sender does; the key named fails its first attempt.</summary>
internal sealed class OnceOnlyEmail(string failFirst) : IEmailSender
{
    private readonly ConcurrentDictionary<string, (DateTime At, OutgoingEmail Email)> sent = new(StringComparer.Ordinal);
    private int failed;

    public TimeProvider? Clock { get; set; }

    public IReadOnlyList<(DateTime At, OutgoingEmail Email, string Key)> Sent => [.. sent.Select(s => (s.Value.At, s.Value.Email, s.Key))];

    public Task<EmailSendResult> SendAsync(OutgoingEmail email, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (idempotencyKey == failFirst && Interlocked.Exchange(ref failed, 1) == 0)
        {
            throw new SendGridRequestException(System.Net.HttpStatusCode.ServiceUnavailable, "SendGrid is down");
        }

        return Task.FromResult(new EmailSendResult(
            sent.TryAdd(idempotencyKey, (Clock!.GetUtcNow().UtcDateTime, email)) ? EmailSendStatus.Sent : EmailSendStatus.AlreadySent, null));
    }
}
