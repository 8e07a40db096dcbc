using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace PeerFlow.Domain.Email;

/// <summary>
/// The secret that keys the recipient hashes of <see cref="EmailSendLog"/> (PEERFLOW_HASH_KEY). An unkeyed hash of
/// an address is reversed by hashing a list of likely addresses; an HMAC cannot be without the key, which lives in
/// Key Vault in Azure, away from the storage account that holds the hashes.
/// </summary>
public sealed class RecipientHashKey
{
    public const string Setting = "PEERFLOW_HASH_KEY";

    /// <summary>Shorter than this is too easily guessed to be worth keying with.</summary>
    public const int MinimumLength = 32;

    /// <summary>
    /// Development and tests only: a fixed value, so that a local data folder's hashes stay comparable from run to
    /// run. It is public in the source, so it protects nothing, and outside Development it is never used.
    /// </summary>
    public static RecipientHashKey Development { get; } = new("peerflow-development-hash-key-not-a-secret");

    private readonly byte[] key;

    private RecipientHashKey(string secret) => key = Encoding.UTF8.GetBytes(secret);

    /// <summary>
    /// The configured key; in Development without one, <see cref="Development"/>. Anywhere else a missing, short or
    /// unresolved (a Key Vault reference the platform could not read) key stops the app at start, with the reason.
    /// </summary>
    public static RecipientHashKey FromConfiguration(IConfiguration configuration, bool development)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var secret = configuration[Setting]?.Trim();
        if (string.IsNullOrEmpty(secret))
        {
            return development
                ? Development
                : throw new InvalidOperationException(
                    $"{Setting} is not set. PeerFlow keys the hashes of email recipients with it and will not start without it outside Development: set it (in Azure, a Key Vault reference to the secret PeerFlowHashKey; see docs/deploy.md).");
        }

        if (secret.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"{Setting} holds an unresolved Key Vault reference: the secret is missing or the app's identity cannot read it (see docs/deploy.md).");
        }

        return secret.Length < MinimumLength
            ? throw new InvalidOperationException($"{Setting} is shorter than {MinimumLength} characters; generate one with `openssl rand -base64 48`.")
            : new RecipientHashKey(secret);
    }

    /// <summary>HMAC-SHA256 of the address, trimmed and lower-cased so that one mailbox always hashes alike.</summary>
    public string Hash(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Normalise(address))));
    }

    /// <summary>What rows written before the hashes were keyed hold: accepted as the same recipient, never written.</summary>
    internal static string LegacyHash(string address) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalise(address))));

    private static string Normalise(string address) => address.Trim().ToLowerInvariant();
}
