using PeerFlow.Domain.Email;
using PeerFlow.Domain.Links;
using PeerFlow.Domain.Sms;

namespace PeerFlow.Web.Hosting;

internal static class NoticeSetup
{
    /// <summary>
    /// Email through SendGrid (locally: PeerFlow's own capture endpoint, shown at /dev/mail), texts through Twilio
    /// (locally: the text capture, shown at /dev/sms), signed links for
    /// mentors and mentees; the activities that send notices on top of them register beside themselves
    /// (<see cref="Orchestrations.ActivityServices"/>). Outside Development, a missing
    /// PEERFLOW_HASH_KEY or PEERFLOW_KEYRING_CERTIFICATE stops the app here, at start.
    /// </summary>
    public static IServiceCollection AddPeerFlowNotices(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, StorageClients clients)
    {
        var prefix = configuration["PEERFLOW_TABLE_PREFIX"] ?? configuration["PEERFLOW_TASK_HUB"] ?? "PeerFlow";
        var hashKey = RecipientHashKey.FromConfiguration(configuration, environment.IsDevelopment());
        services.AddPeerFlowEmail(configuration, clients.Tables, clients.Blobs, prefix, hashKey);
        services.AddPeerFlowSms(configuration, clients.Tables, prefix, hashKey);
        var keyRing = KeyRingCertificates.Configured(configuration, environment.IsDevelopment(), clients.Blobs, prefix);
        services.AddPeerFlowLinks(clients.Tables, clients.Blobs, prefix, keyRing);
        return services;
    }

    /// <summary>Where emails link to: PEERFLOW_PUBLIC_BASE_URL, always ending in a slash.</summary>
    public static Uri PublicBaseUrl(IConfiguration configuration)
    {
        var baseUrl = configuration["PEERFLOW_PUBLIC_BASE_URL"] ?? "http://127.0.0.1:7071/";
        return new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
    }
}
