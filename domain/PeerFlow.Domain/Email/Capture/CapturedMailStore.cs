using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;

namespace PeerFlow.Domain.Email;

/// <summary>
/// The development mail capture's table, <c>{prefix}CapturedMail</c>: what PeerFlow sent to its SendGrid stand-in,
/// newest first. Tests read it to assert on the exact SendGrid payloads.
/// </summary>
public sealed class CapturedMailStore
{
    /// <summary>Binary columns hold at most 64 KiB and an entity at most 1 MiB.</summary>
    private const int ChunkBytes = 60_000;
    private const int MaxChunks = 15;
    private const string Partition = "mail";

    private readonly PrefixedTable table;
    private readonly TimeProvider time;

    public CapturedMailStore(TableServiceClient tables, string prefix, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(time);
        table = new PrefixedTable(tables, prefix, "CapturedMail");
        this.time = time;
    }

    /// <summary>Newest first.</summary>
    public async Task<IReadOnlyList<CapturedMailSummary>> ListAsync(int max = 200, CancellationToken cancellationToken = default)
    {
        var client = await table.GetAsync(cancellationToken);
        var list = new List<CapturedMailSummary>();
        var columns = new[] { "RowKey", "MessageId", "ReceivedAt", "To", "Subject", "Template", "IdempotencyKey" };
        await foreach (var entity in client.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, maxPerPage: Math.Min(max, 1000), select: columns, cancellationToken: cancellationToken))
        {
            list.Add(Summary(entity));
            if (list.Count >= max)
            {
                break;
            }
        }

        return list;
    }

    public async Task<CapturedMail?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var client = await table.GetAsync(cancellationToken);
        var response = await client.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken);
        if (!response.HasValue)
        {
            return null;
        }

        var entity = response.Value!;
        var payload = Decompress(entity);
        var body = JsonNode.Parse(payload)!.AsObject();
        return new CapturedMail(
            Summary(entity),
            SendGridPayload.From(body),
            SendGridPayload.Content(body, "text/plain"),
            SendGridPayload.Content(body, "text/html"),
            SendGridPayload.CustomArgs(body),
            SendGridPayload.Attachments(body),
            payload);
    }

    /// <summary>The captured emails <see cref="EraseAsync"/> would remove: for a subject-access export.</summary>
    public async Task<IReadOnlyList<CapturedMailSummary>> FindAsync(IEnumerable<string> addresses, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var to = new HashSet<string>(addresses.Select(a => a.Trim()), StringComparer.OrdinalIgnoreCase);
        var sentUnder = new HashSet<string>(keys, StringComparer.Ordinal);
        var found = new List<CapturedMailSummary>();
        try
        {
            await foreach (var entity in table.Client.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
            {
                var summary = Summary(entity);
                if (summary.To.Any(to.Contains) || (summary.IdempotencyKey is { } key && sentUnder.Contains(key)))
                {
                    found.Add(summary);
                }
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
        }

        return found;
    }

    /// <summary>
    /// Removes captured emails to any of <paramref name="addresses"/> or sent under any of <paramref name="keys"/>
    /// (erasure: the referral's own mail, and staff mail about it, which names them).
    /// </summary>
    public async Task<int> EraseAsync(IEnumerable<string> addresses, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var to = new HashSet<string>(addresses.Select(a => a.Trim()), StringComparer.OrdinalIgnoreCase);
        var sentUnder = new HashSet<string>(keys, StringComparer.Ordinal);
        // Not GetAsync: where nothing was ever captured (Azure), erasure must not make the table.
        var client = table.Client;
        var erased = 0;
        try
        {
            await foreach (var entity in client.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, select: ["PartitionKey", "RowKey", "To", "IdempotencyKey"], cancellationToken: cancellationToken))
            {
                var summary = Summary(entity);
                if (summary.To.Any(to.Contains) || (summary.IdempotencyKey is { } key && sentUnder.Contains(key)))
                {
                    await client.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, Azure.ETag.All, cancellationToken);
                    erased++;
                }
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
        }

        return erased;
    }

    /// <summary>Stores a validated payload; returns its summary with a new SendGrid-style message id.</summary>
    /// <exception cref="InvalidOperationException">The payload is too large for one table entity.</exception>
    internal async Task<CapturedMailSummary> SaveAsync(JsonObject body, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // Inverted ticks sort newest first; the random tail keeps two messages in one tick apart.
        var id = (DateTimeOffset.MaxValue.UtcTicks - now.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var args = SendGridPayload.CustomArgs(body);
        var entity = new TableEntity(Partition, id)
        {
            ["MessageId"] = Base64Url(RandomNumberGenerator.GetBytes(16)),
            ["ReceivedAt"] = now,
            ["To"] = string.Join(", ", SendGridPayload.Recipients(body)),
            ["Subject"] = SendGridPayload.Subject(body),
            ["Template"] = args.GetValueOrDefault(SendGridCustomArgs.Template),
            ["IdempotencyKey"] = args.GetValueOrDefault(SendGridCustomArgs.IdempotencyKey),
        };
        Compress(body.ToJsonString(), entity);
        var client = await table.GetAsync(cancellationToken);
        await client.AddEntityAsync(entity, cancellationToken);
        return Summary(entity);
    }

    private static CapturedMailSummary Summary(TableEntity entity) => new(
        entity.RowKey,
        entity.GetString("MessageId") ?? string.Empty,
        entity.GetDateTimeOffset("ReceivedAt") ?? default,
        (entity.GetString("To") ?? string.Empty).Split(", ", StringSplitOptions.RemoveEmptyEntries),
        entity.GetString("Subject") ?? string.Empty,
        entity.GetString("Template"),
        entity.GetString("IdempotencyKey"));

    private static void Compress(string payload, TableEntity entity)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(payload));
        }

        var bytes = buffer.ToArray();
        var chunks = (bytes.Length + ChunkBytes - 1) / ChunkBytes;
        if (chunks > MaxChunks)
        {
            throw new InvalidOperationException($"The message is too large for the mail capture ({bytes.Length} bytes compressed).");
        }

        entity["Chunks"] = chunks;
        for (var i = 0; i < chunks; i++)
        {
            entity["Payload" + i.ToString(CultureInfo.InvariantCulture)] = bytes.AsSpan(i * ChunkBytes, Math.Min(ChunkBytes, bytes.Length - (i * ChunkBytes))).ToArray();
        }
    }

    private static string Decompress(TableEntity entity)
    {
        using var buffer = new MemoryStream();
        for (var i = 0; i < (entity.GetInt32("Chunks") ?? 0); i++)
        {
            buffer.Write(entity.GetBinary("Payload" + i.ToString(CultureInfo.InvariantCulture)));
        }

        buffer.Position = 0;
        using var gzip = new GZipStream(buffer, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
