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
    /// <summary>
    /// Data Protection with the key ring in blob container <c>{prefix lower}-keys</c> (shared by every instance, and
    /// by antiforgery), and <see cref="SignedLinks"/> with its table <c>{prefix}UsedLinks</c>. Time comes from the
    /// registered <see cref="TimeProvider"/> (the system clock unless the app registers another).
    /// </summary>
    public static IServiceCollection AddPeerFlowLinks(this IServiceCollection services, TableServiceClient tables, BlobServiceClient blobs, string prefix)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(blobs);
        PrefixedTable.Validate(prefix);

        var container = blobs.GetBlobContainerClient(prefix.ToLowerInvariant() + "-keys");
        services.TryAddSingleton(TimeProvider.System);
        services.AddDataProtection().SetApplicationName("PeerFlow");
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new BlobXmlRepository(container));
        services.AddSingleton(sp => new SignedLinks(sp.GetRequiredService<IDataProtectionProvider>(), tables, prefix, sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
