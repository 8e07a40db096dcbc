using System.Globalization;
using System.Security.Cryptography;
using Azure.Data.Tables;
using PeerFlow.Domain.Email;

namespace PeerFlow.Domain.Sms;

/// <summary>One text as the development Twilio stand-in received it.</summary>
public sealed record CapturedText(string Id, string Sid, DateTimeOffset ReceivedAt, string To, string From, string Body, string? Template, string? IdempotencyKey);

/// <summary>
/// The development text capture's table, <c>{prefix}CapturedTexts</c>: what PeerFlow sent to its Twilio stand-in,
/// newest first. Tests read it to assert on the texts.
/// </summary>
public sealed class CapturedTextStore(TableServiceClient tables, string prefix, TimeProvider time)
{
    private const string Partition = "text";

    private readonly PrefixedTable table = new(tables, prefix, "CapturedTexts");

    /// <summary>Newest first.</summary>
    public async Task<IReadOnlyList<CapturedText>> ListAsync(int max = 200, CancellationToken cancellationToken = default)
    {
        var client = await table.GetAsync(cancellationToken);
        var list = new List<CapturedText>();
        await foreach (var entity in client.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            list.Add(Of(entity));
            if (list.Count >= max)
            {
                break;
            }
        }

        return list;
    }

    /// <summary>The captured texts <see cref="EraseAsync"/> would remove: for a subject-access export.</summary>
    public async Task<IReadOnlyList<CapturedText>> FindAsync(IEnumerable<string> numbers, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var to = numbers.ToHashSet(StringComparer.Ordinal);
        var sentUnder = keys.ToHashSet(StringComparer.Ordinal);
        var found = new List<CapturedText>();
        try
        {
            await foreach (var entity in table.Client.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
            {
                if (to.Contains(entity.GetString("To") ?? "") || (entity.GetString("IdempotencyKey") is { } key && sentUnder.Contains(key)))
                {
                    found.Add(Of(entity));
                }
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
        }

        return found;
    }

    /// <summary>Removes captured texts to any of <paramref name="numbers"/> or sent under any of <paramref name="keys"/> (erasure).</summary>
    public async Task<int> EraseAsync(IEnumerable<string> numbers, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var to = numbers.ToHashSet(StringComparer.Ordinal);
        var sentUnder = keys.ToHashSet(StringComparer.Ordinal);
        var erased = 0;
        try
        {
            // Not GetAsync: where nothing was ever captured (Azure), erasure must not make the table.
            await foreach (var entity in table.Client.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, select: ["PartitionKey", "RowKey", "To", "IdempotencyKey"], cancellationToken: cancellationToken))
            {
                if (to.Contains(entity.GetString("To") ?? "") || (entity.GetString("IdempotencyKey") is { } key && sentUnder.Contains(key)))
                {
                    await table.Client.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, Azure.ETag.All, cancellationToken);
                    erased++;
                }
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
        }

        return erased;
    }

    internal async Task<CapturedText> SaveAsync(string to, string from, string body, string? template, string? key, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var id = (DateTimeOffset.MaxValue.UtcTicks - now.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var entity = new TableEntity(Partition, id)
        {
            ["Sid"] = "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            ["ReceivedAt"] = now,
            ["To"] = to,
            ["From"] = from,
            ["Body"] = body,
            ["Template"] = template,
            ["IdempotencyKey"] = key,
        };
        var client = await table.GetAsync(cancellationToken);
        await client.AddEntityAsync(entity, cancellationToken);
        return Of(entity);
    }

    private static CapturedText Of(TableEntity e) => new(
        e.RowKey, e.GetString("Sid") ?? "", e.GetDateTimeOffset("ReceivedAt") ?? default, e.GetString("To") ?? "", e.GetString("From") ?? "",
        e.GetString("Body") ?? "", e.GetString("Template"), e.GetString("IdempotencyKey"));
}
