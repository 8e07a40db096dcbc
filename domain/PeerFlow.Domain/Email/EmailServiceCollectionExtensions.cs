using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PeerFlow.Domain.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>SendGrid's HTTP timeout; <see cref="EmailSendLog.Lease"/> must be longer.</summary>
    public static readonly TimeSpan SendGridTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// <see cref="IEmailSender"/> (SendGrid, configured by PEERFLOW_SENDGRID_API_KEY, PEERFLOW_SENDGRID_HOST and
    /// PEERFLOW_MAIL_FROM), its send log <c>{prefix}EmailSends</c>, and the mail capture's <see cref="CapturedMailStore"/>
    /// (<c>{prefix}CapturedMail</c>); map the capture's endpoints with <c>MapMailCapture</c> (the local host's Dev folder)
    /// in Development only. Time comes from the registered <see cref="TimeProvider"/>.
    /// </summary>
    /// <param name="blobs">Not used by email today; taken so that email and links are registered alike.</param>
    /// <param name="hashKey">Keys the recipient hashes: <see cref="RecipientHashKey.FromConfiguration"/>, read at start so that a missing key stops the app then.</param>
    public static IServiceCollection AddPeerFlowEmail(this IServiceCollection services, IConfiguration configuration, TableServiceClient tables, BlobServiceClient blobs, string prefix, RecipientHashKey hashKey)
    {
        ArgumentNullException.ThrowIfNull(hashKey);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(blobs);
        PrefixedTable.Validate(prefix);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(EmailOptions.FromConfiguration(configuration));
        services.AddSingleton(hashKey);
        services.AddSingleton(sp => new EmailSendLog(tables, prefix, sp.GetRequiredService<TimeProvider>(), hashKey));
        services.AddSingleton(sp => new AcknowledgementWindow(tables, prefix, sp.GetRequiredService<TimeProvider>(), hashKey));
        services.AddSingleton(sp => new CapturedMailStore(tables, prefix, sp.GetRequiredService<TimeProvider>()));
        services.AddHttpClient<IEmailSender, SendGridEmailSender>(http => http.Timeout = SendGridTimeout);
        return services;
    }
}
