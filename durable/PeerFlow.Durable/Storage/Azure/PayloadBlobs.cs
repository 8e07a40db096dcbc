using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace PeerFlow.Durable.Storage.Azure;

/// <summary>
/// Keeps text that is too long for a table property (32K UTF-16 chars; an entity holds at most 1 MB) in a blob
/// <c>{instanceId}/{name}</c>. The row then holds the blob's name in the sibling property <c>{property}Blob</c>.
/// </summary>
internal sealed class PayloadBlobs(BlobContainerClient container)
{
    public const int InlineLimit = 30_000;
    private const string Suffix = "Blob";
    private const int KnownLimit = 10_000;
    private const string StablePrefix = "s-";

    /// <summary>Blobs this process wrote or read: their content never changes, so they need no second upload.</summary>
    private readonly ConcurrentDictionary<string, byte> known = new(StringComparer.Ordinal);

    public BlobContainerClient Container => container;

    /// <summary>
    /// For values committed again and again unchanged (an instance's input, say). The blob is named by a hash of
    /// the text and of <paramref name="scope"/> (the instance's creation time, so that an instance purged and
    /// started again under the same id never finds the old one's blob): every commit refers to the same blob, and
    /// none is left behind.
    /// </summary>
    public async Task SetStableAsync(TableEntity row, string property, string? text, string instanceId, string scope, CancellationToken cancellationToken)
    {
        if (text is null || text.Length <= InlineLimit)
        {
            row[property] = text;
            return;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(scope + "\n" + text));
        var name = $"{instanceId}/{StablePrefix}{Convert.ToHexStringLower(hash.AsSpan(0, 16))}";
        if (!known.ContainsKey(name))
        {
            await UploadAsync(name, text, cancellationToken);
            Remember(name);
        }

        row[property + Suffix] = name;
    }

    /// <summary>For values written once (an episode's events, an inbox payload).</summary>
    /// <returns>The blob written, if any, so that a write that fails can remove it again.</returns>
    public async Task<string?> SetUniqueAsync(TableEntity row, string property, string? text, string instanceId, CancellationToken cancellationToken)
    {
        if (text is null || text.Length <= InlineLimit)
        {
            row[property] = text;
            return null;
        }

        var name = $"{instanceId}/{Guid.NewGuid():N}";
        await UploadAsync(name, text, cancellationToken);
        row[property + Suffix] = name;
        return name;
    }

    public async Task<string?> GetAsync(TableEntity row, string property, CancellationToken cancellationToken)
    {
        if (BlobOf(row, property) is not { } name)
        {
            return row.GetString(property);
        }

        var content = await container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
        if (name.Contains("/" + StablePrefix, StringComparison.Ordinal))
        {
            Remember(name);
        }

        return content.Value.Content.ToString();
    }

    public static string? BlobOf(TableEntity row, string property) => row.GetString(property + Suffix);

    /// <summary>Best effort: a blob left behind costs storage, not correctness, and purge removes it.</summary>
    public async Task TryDeleteAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        foreach (var name in names)
        {
            known.TryRemove(name, out _);
            try
            {
                await container.DeleteBlobIfExistsAsync(name, cancellationToken: cancellationToken);
            }
            catch (RequestFailedException)
            {
            }
        }
    }

    public async Task DeleteInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        var prefix = instanceId + "/";
        foreach (var name in known.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)))
        {
            known.TryRemove(name, out _);
        }

        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            await container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
        }
    }

    private async Task UploadAsync(string name, string text, CancellationToken cancellationToken)
    {
        await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(text), overwrite: true, cancellationToken);
    }

    private void Remember(string name)
    {
        // A crude bound: forgetting only costs a repeated upload.
        if (known.Count >= KnownLimit)
        {
            known.Clear();
        }

        known.TryAdd(name, 0);
    }
}
