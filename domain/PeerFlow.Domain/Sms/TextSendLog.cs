using Azure.Data.Tables;
using PeerFlow.Domain.Email;

namespace PeerFlow.Domain.Sms;

/// <summary>
/// The table <c>{prefix}SmsSends</c>: one row per text's idempotency key, written before Twilio is called, with the
/// same states and rules as <see cref="EmailSendLog"/> (the number is kept only as an HMAC with PEERFLOW_HASH_KEY).
/// </summary>
public sealed class TextSendLog(TableServiceClient tables, string prefix, TimeProvider time, RecipientHashKey hashKey)
{
    internal EmailSendLog Rows { get; } = new(tables, prefix, time, hashKey, "SmsSends");

    public Task<EmailSendRecord?> GetAsync(string idempotencyKey, CancellationToken cancellationToken) => Rows.GetAsync(idempotencyKey, cancellationToken);

    public Task<IReadOnlyList<string>> KeysForReferralAsync(string referralId, CancellationToken cancellationToken) => Rows.KeysForReferralAsync(referralId, cancellationToken);

    public Task<IReadOnlyList<EmailSendRecord>> ListReferralAsync(string referralId, CancellationToken cancellationToken) => Rows.ListReferralAsync(referralId, cancellationToken);

    public Task EraseReferralAsync(string referralId, CancellationToken cancellationToken) => Rows.EraseReferralAsync(referralId, cancellationToken);
}
