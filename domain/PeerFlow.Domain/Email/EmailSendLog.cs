using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace PeerFlow.Domain.Email;

/// <summary>
/// The table <c>{prefix}EmailSends</c>: one row per idempotency key, written before SendGrid is called, so that no
/// key is ever sent twice. It holds no email body and no address: only the key, the template, a keyed hash of the
/// recipient (HMAC-SHA256 with <see cref="RecipientHashKey"/>), the referral the email is about (its id, so that
/// erasure finds the rows), times, the status and SendGrid's message id.
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
    private readonly RecipientHashKey hashKey;

    public EmailSendLog(TableServiceClient tables, string prefix, TimeProvider time, RecipientHashKey hashKey)
        : this(tables, prefix, time, hashKey, "EmailSends")
    {
    }

    /// <summary>The same log for another channel (texts: <c>{prefix}SmsSends</c>), in a table of its own.</summary>
    internal EmailSendLog(TableServiceClient tables, string prefix, TimeProvider time, RecipientHashKey hashKey, string tableName)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(hashKey);
        table = new PrefixedTable(tables, prefix, tableName);
        this.time = time;
        this.hashKey = hashKey;
    }

    public async Task<EmailSendRecord?> GetAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        var entity = await FindAsync(idempotencyKey, cancellationToken);
        return entity?.ToRecord();
    }

    /// <summary>
    /// Sends whose outcome nobody knows: for an operator to check against SendGrid's activity feed. One partition:
    /// every change of a row's state also keeps its copy in <see cref="UnknownPartition"/> (there while Unknown).
    /// </summary>
    public async Task<IReadOnlyList<EmailSendRecord>> ListUnknownAsync(CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken);
        var records = new List<EmailSendRecord>();
        await foreach (var entity in client.QueryAsync<EmailSendEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {UnknownPartition}"), cancellationToken: cancellationToken))
        {
            records.Add(entity.ToRecord());
        }

        return records;
    }

    /// <summary>Copies of the rows in state Unknown; no key hashes to it (hashes are hex).</summary>
    private const string UnknownPartition = "~unknown";

    /// <summary>Keeps the copy of <paramref name="entity"/> in <see cref="UnknownPartition"/> while it is Unknown, and only then.</summary>
    private async Task KeepUnknownCopyAsync(EmailSendEntity entity, CancellationToken cancellationToken)
    {
        var key = entity.PartitionKey;
        try
        {
            if (entity.Status == nameof(EmailSendState.Unknown))
            {
                var copy = entity.Copy();
                copy.PartitionKey = UnknownPartition;
                copy.RowKey = key;
                await table.Client.UpsertEntityAsync(copy, TableUpdateMode.Replace, cancellationToken);
            }
            else
            {
                await table.Client.DeleteEntityAsync(UnknownPartition, key, ETag.All, cancellationToken);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No copy to remove: it was never Unknown.
        }
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

    /// <summary>What is known of each email about a referral (never its content or address): for a subject-access export.</summary>
    public async Task<IReadOnlyList<EmailSendRecord>> ListReferralAsync(string referralId, CancellationToken cancellationToken) =>
        [.. (await ForReferralAsync(referralId, cancellationToken)).Select(e => e.ToRecord())];

    /// <summary>The idempotency keys of emails about a referral: for erasure to find what else was kept per email.</summary>
    public async Task<IReadOnlyList<string>> KeysForReferralAsync(string referralId, CancellationToken cancellationToken) =>
        [.. (await ForReferralAsync(referralId, cancellationToken)).Select(e => e.Key).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// Removes the rows of emails about a referral (erasure). Rows are found by a scan of the table: erasure is rare,
    /// and an index row per referral would be one more thing to keep true.
    /// </summary>
    public async Task EraseReferralAsync(string referralId, CancellationToken cancellationToken)
    {
        foreach (var entity in await ForReferralAsync(referralId, cancellationToken))
        {
            await table.Client.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, cancellationToken);
        }
    }

    internal static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    internal string HashRecipient(string address) => hashKey.Hash(address);

    /// <summary>Takes the key for one attempt, or says why this attempt must not send.</summary>
    /// <param name="referralId">The referral the email is about, if any: recorded so that erasure can remove the row.</param>
    internal async Task<SendClaim> ClaimAsync(string idempotencyKey, string template, string recipientAddress, string? referralId, CancellationToken cancellationToken)
    {
        var recipientHash = HashRecipient(recipientAddress);
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
                ReferralId = referralId,
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

            if (existing.Template != template || !SameRecipient(existing.RecipientHash, recipientHash, recipientAddress))
            {
                throw new InvalidOperationException(
                    $"Idempotency key '{idempotencyKey}' was used for another email (template '{existing.Template}' or another recipient). Each email needs its own key.");
            }

            // A row from before the hashes were keyed is keyed by whichever update comes next.
            existing.RecipientHash = recipientHash;
            existing.ReferralId ??= referralId;

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
    internal async Task MarkSentAsync(EmailSendEntity claim, string? messageId, CancellationToken cancellationToken)
    {
        claim.Status = nameof(EmailSendState.Sent);
        claim.SentAt = time.GetUtcNow();
        claim.MessageId = messageId;
        claim.LastError = null;
        await table.Client.UpdateEntityAsync(claim, ETag.All, TableUpdateMode.Replace, cancellationToken);
        await KeepUnknownCopyAsync(claim, cancellationToken);
    }

    /// <summary>Only while this attempt still holds the row; a later attempt may have taken it over.</summary>
    internal Task<bool> MarkAsync(EmailSendEntity claim, EmailSendState state, string reason, CancellationToken cancellationToken)
    {
        claim.Status = state.ToString();
        claim.LastError = reason;
        return TryUpdateAsync(claim, claim.ETag, cancellationToken);
    }

    private static bool SameRecipient(string stored, string keyed, string address) =>
        stored == keyed || stored == RecipientHashKey.LegacyHash(address);

    private async Task<bool> TryUpdateAsync(EmailSendEntity entity, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.Client.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken);
            entity.ETag = response.Headers.ETag ?? entity.ETag;
            await KeepUnknownCopyAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    private async Task<List<EmailSendEntity>> ForReferralAsync(string referralId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(referralId);
        var client = await table.GetAsync(cancellationToken);
        var rows = new List<EmailSendEntity>();
        Storage.TableScans.Check(client.Name, grows: true, "ReferralId eq {0}");
        await foreach (var entity in client.QueryAsync<EmailSendEntity>(TableClient.CreateQueryFilter($"ReferralId eq {referralId}"), cancellationToken: cancellationToken))
        {
            rows.Add(entity);
        }

        return rows;
    }

    private async Task<EmailSendEntity?> FindAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        var client = await table.GetAsync(cancellationToken);
        var response = await client.GetEntityIfExistsAsync<EmailSendEntity>(Hash(idempotencyKey), string.Empty, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }
}
