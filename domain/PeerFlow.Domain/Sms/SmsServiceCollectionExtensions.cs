using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PeerFlow.Domain.Email;

namespace PeerFlow.Domain.Sms;

public static class SmsServiceCollectionExtensions
{
    /// <summary>Twilio's HTTP timeout; shorter than the send log's lease, as for email.</summary>
    public static readonly TimeSpan TwilioTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// <see cref="ISmsSender"/> (Twilio, configured by PEERFLOW_TWILIO_ACCOUNT_SID, PEERFLOW_TWILIO_AUTH_TOKEN,
    /// PEERFLOW_TWILIO_FROM and PEERFLOW_TWILIO_HOST), its send log <c>{prefix}SmsSends</c>, and the text capture's
    /// <see cref="CapturedTextStore"/>; map the capture with <c>MapTextCapture</c> (the local host's Dev folder) in
    /// Development only.
    /// </summary>
    public static IServiceCollection AddPeerFlowSms(this IServiceCollection services, IConfiguration configuration, TableServiceClient tables, string prefix, RecipientHashKey hashKey)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(SmsOptions.FromConfiguration(configuration));
        services.AddSingleton(sp => new TextSendLog(tables, prefix, sp.GetRequiredService<TimeProvider>(), hashKey));
        services.AddSingleton(sp => new CapturedTextStore(tables, prefix, sp.GetRequiredService<TimeProvider>()));
        services.AddHttpClient<ISmsSender, TwilioSmsSender>(http => http.Timeout = TwilioTimeout);
        return services;
    }
}
