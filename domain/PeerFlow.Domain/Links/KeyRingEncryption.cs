using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PeerFlow.Domain.Links;

/// <summary>
/// The key ring's certificates, read when Data Protection first needs them rather than while services are added:
/// Development's certificate lives in the storage, which registration must not touch (a host that refuses to start
/// should say why, not wait for storage it will never use).
/// </summary>
public sealed class KeyRingCertificateSource(Lazy<KeyRingCertificates> certificates)
{
    public KeyRingCertificates Certificates => certificates.Value;
}

/// <summary>
/// Encrypts each new key with the current certificate, as Data Protection's <c>ProtectKeysWithCertificate</c> does
/// (its <see cref="CertificateXmlEncryptor"/>, so the blob holds the same <c>encryptedSecret</c>), but from
/// <see cref="KeyRingCertificateSource"/>; the keys name <see cref="KeyRingXmlDecryptor"/> to read them back.
/// </summary>
public sealed class KeyRingXmlEncryptor(KeyRingCertificateSource source, ILoggerFactory loggers) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var encrypted = new CertificateXmlEncryptor(source.Certificates.Current, loggers).Encrypt(plaintextElement);
        return new EncryptedXmlInfo(encrypted.EncryptedElement, typeof(KeyRingXmlDecryptor));
    }
}

/// <summary>
/// Reads a key encrypted by <see cref="KeyRingXmlEncryptor"/> with the current certificate or a previous one
/// (Data Protection's own decryptor takes its certificates from options that cannot be filled lazily).
/// </summary>
/// <remarks>Data Protection makes it by type name from the key's XML, with the app's services.</remarks>
public sealed class KeyRingXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var certificates = services.GetRequiredService<KeyRingCertificateSource>().Certificates;
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using (var reader = encryptedElement.CreateReader())
        {
            document.Load(reader);
        }

        new CertificateKeyedXml(document, [certificates.Current, .. certificates.Previous]).DecryptDocument();
        return XElement.Parse(document.DocumentElement!.OuterXml);
    }

    /// <summary>EncryptedXml that finds the session key's RSA key among the given certificates, not in a store.</summary>
    private sealed class CertificateKeyedXml(XmlDocument document, IReadOnlyList<X509Certificate2> certificates) : EncryptedXml(document)
    {
        public override byte[]? DecryptEncryptedKey(EncryptedKey encryptedKey)
        {
            foreach (var clause in encryptedKey.KeyInfo.OfType<KeyInfoX509Data>())
            {
                foreach (var named in clause.Certificates?.OfType<X509Certificate>() ?? [])
                {
                    var match = certificates.FirstOrDefault(c => c.GetCertHashString() == named.GetCertHashString());
                    if (match?.GetRSAPrivateKey() is { } rsa)
                    {
                        using (rsa)
                        {
                            return DecryptKey(encryptedKey.CipherData.CipherValue!, rsa, encryptedKey.EncryptionMethod?.KeyAlgorithm == XmlEncRSAOAEPUrl);
                        }
                    }
                }
            }

            throw new CryptographicException("None of the key ring certificates can read this key: the certificate that encrypted it is neither PEERFLOW_KEYRING_CERTIFICATE nor PEERFLOW_KEYRING_CERTIFICATE_PREVIOUS.");
        }
    }
}
