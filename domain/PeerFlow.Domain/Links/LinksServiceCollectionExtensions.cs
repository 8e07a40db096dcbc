using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PeerFlow.Domain.Email;

namespace PeerFlow.Domain.Links;

public static class LinksServiceCollectionExtensions
{
    /// <summary>How long each Data Protection key protects new payloads before the next one takes over.</summary>
    public static readonly TimeSpan KeyLifetime = TimeSpan.FromDays(90);

    /// <summary>
    /// Data Protection with the key ring in blob container <c>{prefix lower}-keys</c> (shared by every instance, and
    /// by antiforgery), and <see cref="SignedLinks"/> with its table <c>{prefix}UsedLinks</c>. Time comes from the
    /// registered <see cref="TimeProvider"/> (the system clock unless the app registers another).
    /// </summary>
    /// <param name="certificates">Encrypt the key ring at rest (<see cref="KeyRingCertificates.FromConfiguration"/>).</param>
    public static IServiceCollection AddPeerFlowLinks(this IServiceCollection services, TableServiceClient tables, BlobServiceClient blobs, string prefix, KeyRingCertificates certificates) =>
        services.AddPeerFlowLinks(tables, blobs, prefix, new Lazy<KeyRingCertificates>(certificates));

    /// <param name="certificates">Read when Data Protection first needs a key (<see cref="KeyRingCertificates.Configured"/>).</param>
    public static IServiceCollection AddPeerFlowLinks(this IServiceCollection services, TableServiceClient tables, BlobServiceClient blobs, string prefix, Lazy<KeyRingCertificates> certificates)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(blobs);
        PrefixedTable.Validate(prefix);

        var container = blobs.GetBlobContainerClient(prefix.ToLowerInvariant() + "-keys");
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new KeyRingCertificateSource(certificates));
        services.AddSingleton<KeyRingXmlEncryptor>();
        services.AddOptions<KeyManagementOptions>().Configure<KeyRingXmlEncryptor>((o, encryptor) => o.XmlEncryptor = encryptor);
        services.AddDataProtection()
            .SetApplicationName("PeerFlow")
            // Data Protection's own default, made explicit: a new key every 90 days (made 2 days ahead, so every
            // instance has it before it is used). Old keys stay in the ring to read what they protected: links
            // live weeks at most, antiforgery tokens a session.
            .SetDefaultKeyLifetime(KeyLifetime);
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new BlobXmlRepository(container));
        services.AddSingleton(sp => new SignedLinks(sp.GetRequiredService<IDataProtectionProvider>(), tables, prefix, sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
