using Azure;
using Azure.Data.Tables;

namespace PeerFlow.Domain.Email;

/// <summary>
/// At most one acknowledgement a day to one address. The public form emails whatever address is typed, so without
/// this anyone could make the organisation's sender mail a stranger again and again. A row per address (its keyed
/// hash, never the address) remembers the last acknowledgement and the referral it was for; the referral's own retries
/// still get theirs, and erasure removes the row with the referral.
/// </summary>
public sealed class AcknowledgementWindow(TableServiceClient tables, string prefix, TimeProvider time, RecipientHashKey hashKey)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    private readonly PrefixedTable table = new(tables, prefix, "Acknowledged");

    /// <summary>True when this referral may acknowledge <paramref name="address"/> now, and records that it has.</summary>
    public async Task<bool> TryTakeAsync(string address, string referralId, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken);
        var key = hashKey.Hash(address);
        var now = time.GetUtcNow();
        while (true)
        {
            var existing = await client.GetEntityIfExistsAsync<TableEntity>(key, string.Empty, cancellationToken: cancellationToken);
            var row = new TableEntity(key, string.Empty) { ["ReferralId"] = referralId, ["At"] = now };
            try
            {
                if (!existing.HasValue)
                {
                    await client.AddEntityAsync(row, cancellationToken);
                    return true;
                }

                var last = existing.Value!;
                if (last.GetString("ReferralId") == referralId)
                {
                    return true; // a retry of the same acknowledgement: its send is idempotent by key
                }

                if (now - last.GetDateTimeOffset("At") < Window)
                {
                    return false;
                }

                await client.UpdateEntityAsync(row, last.ETag, TableUpdateMode.Replace, cancellationToken);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another referral to the same address took it in between: read again and decide on what it wrote.
            }
        }
    }

    /// <summary>When each acknowledgement of the referral went (the address is held only as a keyed hash): for a subject-access export.</summary>
    public async Task<IReadOnlyList<DateTimeOffset>> ListReferralAsync(string referralId, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken);
        var sent = new List<DateTimeOffset>();
        await foreach (var row in client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"ReferralId eq {referralId}"), cancellationToken: cancellationToken))
        {
            sent.Add(row.GetDateTimeOffset("At") ?? default);
        }

        return sent;
    }

    /// <summary>Removes the rows a referral left (erasure). A scan: erasure is rare and the table holds a day's worth.</summary>
    public async Task EraseReferralAsync(string referralId, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken);
        Storage.TableScans.Check(client.Name, grows: true, "ReferralId eq {0}");
        await foreach (var row in client.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"ReferralId eq {referralId}"), cancellationToken: cancellationToken))
        {
            await client.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
        }
    }
}
