using Azure;
using Azure.Data.Tables;
using PeerFlow.Domain.Records;

namespace PeerFlow.Domain.Storage;

/// <summary>
/// Reference → referral id ("FCM-2026-0042" → its id), one row each, PartitionKey = reference: what the find box and
/// search read by key instead of scanning every referral for its reference. Kept by the writes of
/// <see cref="PeerFlowStore.Referrals"/> (an insert that finds the row already there costs one refused request), and
/// deleted with the referral on erasure.
/// </summary>
public sealed class ReferenceIndex(TableClient table) : IRecordProjection<Referral>
{
    public TableClient Table => table;

    /// <summary>The id of the referral with this reference, or null.</summary>
    public async Task<string?> FindAsync(string reference, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(reference, "", ["ReferralId"], cancellationToken);
        return row.HasValue ? row.Value!.GetString("ReferralId") : null;
    }

    public async Task WrittenAsync(Referral value, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(new TableEntity(value.Reference, "") { ["ReferralId"] = value.Id }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Written by an earlier write of the same referral: a reference never changes.
        }
    }

    public async Task DeletedAsync(Referral value, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(value.Reference, "", ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }
}

/// <summary>Several read models kept by the same writes, told in turn.</summary>
public sealed class Projections<T>(params IRecordProjection<T>[] each) : IRecordProjection<T>
{
    public async Task WrittenAsync(T value, CancellationToken cancellationToken)
    {
        foreach (var projection in each)
        {
            await projection.WrittenAsync(value, cancellationToken);
        }
    }

    public async Task DeletedAsync(T value, CancellationToken cancellationToken)
    {
        foreach (var projection in each)
        {
            await projection.DeletedAsync(value, cancellationToken);
        }
    }
}
