using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace PeerFlow.Domain.Email;

/// <summary>
/// The table <c>{prefix}EmailSends</c>: one row per idempotency key, written before SendGrid is called, so that no
/// key is ever sent twice. It holds no email body and no address: only the key, the template, a hash of the
/// recipient, times, the status and SendGrid's message id.
/// </summary>
/// <remarks>
/// Status moves Sending → Sent when SendGrid accepts, Sending → Failed when SendGrid refuses or the request never
/// left (a retry may send), and Sending → Unknown when the attempt died or timed out while SendGrid had the request.
/// Unknown is final: SendGrid has no idempotency key, so sending again could send twice. An operator who has checked
/// SendGrid's activity feed can release the key with <see cref="AllowResendAsync"/>.
/// </remarks>
public sealed class EmailSendLog
{
    /// <summary>
    /// How long a Sending row is taken to be another attempt still talking to SendGrid. It must exceed the HTTP timeout
    /// (<see cref="EmailServiceCollectionExtensions.SendGridTimeout"/>): after it, the attempt is presumed dead.
    /// </summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private readonly PrefixedTable table;
    private readonly TimeProvider time;

    public EmailSendLog(TableServiceClient tables, string prefix, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(time);
        table = new PrefixedTable(tables, prefix, "EmailSends");
        this.time = time;
    }

    public async Task<EmailSendRecord?> GetAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        var entity = await FindAsync(idempotencyKey, cancellationToken);
        return entity?.ToRecord();
    }

    /// <summary>Sends whose outcome nobody knows: for an operator to check against SendGrid's activity feed.</summary>
    public async Task<IReadOnlyList<EmailSendRecord>> ListUnknownAsync(CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken);
        var records = new List<EmailSendRecord>();
        await foreach (var entity in client.QueryAsync<EmailSendEntity>(e => e.Status == nameof(EmailSendState.Unknown), cancellationToken: cancellationToken))
        {
            records.Add(entity.ToRecord());
        }

        return records;
    }

    /// <summary>
    /// Lets the next attempt for a key in state Unknown send again: for an operator who has made sure SendGrid did not
    /// send it. False when the key is not Unknown.
    /// </summary>
    public async Task<bool> AllowResendAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        var entity = await FindAsync(idempotencyKey, cancellationToken);
        if (entity?.Status != nameof(EmailSendState.Unknown))
        {
            return false;
        }

        entity.Status = nameof(EmailSendState.Failed);
        entity.LastError = "released for resending by an operator";
        return await TryUpdateAsync(entity, entity.ETag, cancellationToken);
    }

    internal static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    internal static string HashRecipient(string address) => Hash(address.Trim().ToLowerInvariant());

    /// <summary>Takes the key for one attempt, or says why this attempt must not send.</summary>
    internal async Task<SendClaim> ClaimAsync(string idempotencyKey, string template, string recipientHash, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var now = time.GetUtcNow();
            var fresh = new EmailSendEntity
            {
                PartitionKey = Hash(idempotencyKey),
                Key = idempotencyKey,
                Template = template,
                RecipientHash = recipientHash,
                Status = nameof(EmailSendState.Sending),
                CreatedAt = now,
                AttemptAt = now,
                Attempts = 1,
            };
            try
            {
                var added = await client.AddEntityAsync(fresh, cancellationToken);
                fresh.ETag = added.Headers.ETag ?? throw new InvalidOperationException("The table returned no ETag.");
                return new SendClaim(SendClaimOutcome.Claimed, fresh);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
            }

            var existing = await FindAsync(idempotencyKey, cancellationToken);
            if (existing is null)
            {
                continue;
            }

            if (existing.Template != template || existing.RecipientHash != recipientHash)
            {
                throw new InvalidOperationException(
                    $"Idempotency key '{idempotencyKey}' was used for another email (template '{existing.Template}' or another recipient). Each email needs its own key.");
            }

            switch (existing.Status)
            {
                case nameof(EmailSendState.Sent):
                    return new SendClaim(SendClaimOutcome.AlreadySent, existing);
                case nameof(EmailSendState.Unknown):
                    return new SendClaim(SendClaimOutcome.Unknown, existing);
                case nameof(EmailSendState.Sending) when now - existing.AttemptAt < Lease:
                    return new SendClaim(SendClaimOutcome.InProgress, existing);
                case nameof(EmailSendState.Sending):
                    // The attempt that wrote this row died mid-way; it may have reached SendGrid. Never guess.
                    existing.Status = nameof(EmailSendState.Unknown);
                    existing.LastError = "an attempt stopped while sending";
                    if (await TryUpdateAsync(existing, existing.ETag, cancellationToken))
                    {
                        return new SendClaim(SendClaimOutcome.Unknown, existing);
                    }

                    continue;
                default:
                    // Failed: SendGrid did not take the email, so this attempt may try again.
                    existing.Status = nameof(EmailSendState.Sending);
                    existing.AttemptAt = now;
                    existing.Attempts++;
                    if (await TryUpdateAsync(existing, existing.ETag, cancellationToken))
                    {
                        return new SendClaim(SendClaimOutcome.Claimed, existing);
                    }

                    continue;
            }
        }

        throw new EmailSendInProgressException($"The send record for key '{idempotencyKey}' kept changing; try again.");
    }

    /// <summary>Unconditional: SendGrid accepted the email, which is the truth whatever another attempt wrote since.</summary>
    internal Task MarkSentAsync(EmailSendEntity claim, string? messageId, CancellationToken cancellationToken)
    {
        claim.Status = nameof(EmailSendState.Sent);
        claim.SentAt = time.GetUtcNow();
        claim.MessageId = messageId;
        claim.LastError = null;
        return table.Client.UpdateEntityAsync(claim, ETag.All, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Only while this attempt still holds the row; a later attempt may have taken it over.</summary>
    internal Task<bool> MarkAsync(EmailSendEntity claim, EmailSendState state, string reason, CancellationToken cancellationToken)
    {
        claim.Status = state.ToString();
        claim.LastError = reason;
        return TryUpdateAsync(claim, claim.ETag, cancellationToken);
    }

    private async Task<bool> TryUpdateAsync(EmailSendEntity entity, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.Client.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken);
            entity.ETag = response.Headers.ETag ?? entity.ETag;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    private async Task<EmailSendEntity?> FindAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        var client = await table.GetAsync(cancellationToken);
        var response = await client.GetEntityIfExistsAsync<EmailSendEntity>(Hash(idempotencyKey), string.Empty, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }
}
