using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Configuration;

namespace PeerFlow.Domain.Links;

/// <summary>
/// The certificates that encrypt the Data Protection key ring at rest: whoever reads the <c>{prefix}-keys</c>
/// container sees each key only as an <c>encryptedSecret</c>, useless without the certificate's private key, which
/// lives in Key Vault. PEERFLOW_KEYRING_CERTIFICATE is a base64 PKCS#12 with its private key and no password, which
/// is what a Key Vault reference to a Key Vault certificate's secret yields; PEERFLOW_KEYRING_CERTIFICATE_PREVIOUS,
/// optional, is the one before a renewal, still needed to read the keys it encrypted.
/// </summary>
/// <remarks>
/// Why a certificate: Azure.Extensions.AspNetCore.DataProtection.Keys (Key Vault key wrapping) and
/// Azure.Security.KeyVault.Keys are not served here; a certificate reaches the app through a Key Vault reference, the
/// way the SendGrid key does, with the role the identity already has, and Data Protection encrypts with it itself.
/// </remarks>
public sealed class KeyRingCertificates
{
    public const string Setting = "PEERFLOW_KEYRING_CERTIFICATE";
    public const string PreviousSetting = "PEERFLOW_KEYRING_CERTIFICATE_PREVIOUS";

    private KeyRingCertificates(X509Certificate2 current, IReadOnlyList<X509Certificate2> previous)
    {
        Current = current;
        Previous = previous;
    }

    /// <summary>Encrypts new keys, and reads the keys it encrypted.</summary>
    public X509Certificate2 Current { get; }

    /// <summary>Only read keys: those encrypted before the current certificate.</summary>
    public IReadOnlyList<X509Certificate2> Previous { get; }

    public static KeyRingCertificates From(X509Certificate2 current, params X509Certificate2[] previous) => new(current, previous);

    /// <summary>
    /// The configured certificates. In Development without one, a self-signed certificate made once and kept in the
    /// local storage (<see cref="DevelopmentAsync"/>). Anywhere else a missing, unreadable or key-less certificate
    /// stops the app at start, with the reason.
    /// </summary>
    public static KeyRingCertificates FromConfiguration(IConfiguration configuration, bool development, BlobServiceClient blobs, string prefix) =>
        Configured(configuration, development, blobs, prefix).Value;

    /// <summary>
    /// As <see cref="FromConfiguration"/>, but Development's certificate is fetched from the storage only when first
    /// needed; a configured certificate is read, and a missing one refused, at once.
    /// </summary>
    public static Lazy<KeyRingCertificates> Configured(IConfiguration configuration, bool development, BlobServiceClient blobs, string prefix)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var current = configuration[Setting]?.Trim();
        if (string.IsNullOrEmpty(current))
        {
            return development
                ? new Lazy<KeyRingCertificates>(() => DevelopmentAsync(blobs, prefix, CancellationToken.None).GetAwaiter().GetResult())
                : throw new InvalidOperationException(
                    $"{Setting} is not set. PeerFlow encrypts its key ring (the keys of emailed links and form tokens) with it and will not start without it outside Development: set it (in Azure, a Key Vault reference to the certificate PeerFlowKeyRing; see docs/deploy.md).");
        }

        var previous = configuration[PreviousSetting]?.Trim();
        return new Lazy<KeyRingCertificates>(new KeyRingCertificates(Load(Setting, current), string.IsNullOrEmpty(previous) ? [] : [Load(PreviousSetting, previous)]));
    }

    /// <summary>A base64 PKCS#12 with its private key, no password.</summary>
    public static X509Certificate2 Load(string setting, string base64)
    {
        if (base64.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{setting} holds an unresolved Key Vault reference: the certificate is missing or the app's identity cannot read it (see docs/deploy.md).");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(base64), password: null, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            throw new InvalidOperationException($"{setting} is not a base64 PKCS#12 certificate without a password.", ex);
        }

        return certificate.HasPrivateKey && certificate.GetRSAPrivateKey() is not null
            ? certificate
            : throw new InvalidOperationException($"{setting} has no RSA private key: Data Protection needs it to read the key ring.");
    }

    /// <summary>
    /// A new self-signed RSA certificate, as base64 PKCS#12: for development and tests (2048 bits, quick to make;
    /// Azure's comes from Key Vault's certificate policy, see docs/deploy.md).
    /// </summary>
    public static string CreateSelfSigned(string subject, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={subject}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = time.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
        return Convert.ToBase64String(certificate.Export(X509ContentType.Pkcs12));
    }

    /// <summary>
    /// Development's certificate, in blob container <c>{prefix}-keyring-dev</c> of the local storage (Azurite's data
    /// folder): made by the first instance, and the same for every later run and instance. It exercises the same
    /// encryption as Azure but protects nothing from someone who can read the storage, since it sits beside the keys.
    /// </summary>
    public static async Task<KeyRingCertificates> DevelopmentAsync(BlobServiceClient blobs, string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        var container = blobs.GetBlobContainerClient(prefix.ToLowerInvariant() + "-keyring-dev");
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var blob = container.GetBlobClient("certificate.pfx.b64");
        try
        {
            // Only if none is there: two instances starting at once keep the first one's.
            await blob.UploadAsync(BinaryData.FromString(CreateSelfSigned("PeerFlow development key ring", TimeProvider.System)), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
        }

        var stored = (await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToString();
        return new KeyRingCertificates(Load("the development key ring certificate", stored), []);
    }
}
