using Microsoft.Extensions.Configuration;

namespace PeerFlow.Domain.Sms;

/// <summary>Where and as whom PeerFlow sends texts (Twilio's Messages API); read from app settings.</summary>
public sealed record SmsOptions
{
    public const string DefaultHost = "https://api.twilio.com";

    /// <summary>Stands in for an account when talking to PeerFlow's own text capture, which checks none.</summary>
    internal const string CaptureAccount = "ACpeerflowlocalcapture";

    /// <summary>PEERFLOW_TWILIO_ACCOUNT_SID. Required when <see cref="Host"/> is Twilio.</summary>
    public string? AccountSid { get; init; }

    /// <summary>PEERFLOW_TWILIO_AUTH_TOKEN (in Azure a Key Vault reference).</summary>
    public string? AuthToken { get; init; }

    /// <summary>PEERFLOW_TWILIO_HOST: Twilio, or locally PeerFlow's text capture (e.g. http://127.0.0.1:7071).</summary>
    public string Host { get; init; } = DefaultHost;

    /// <summary>PEERFLOW_TWILIO_FROM: the sender, a number or an alphanumeric sender id ("PeerFlow").</summary>
    public string From { get; init; } = "PeerFlow";

    public static SmsOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var defaults = new SmsOptions();
        return new SmsOptions
        {
            AccountSid = NonEmpty(configuration["PEERFLOW_TWILIO_ACCOUNT_SID"]),
            AuthToken = NonEmpty(configuration["PEERFLOW_TWILIO_AUTH_TOKEN"]),
            Host = NonEmpty(configuration["PEERFLOW_TWILIO_HOST"]) ?? defaults.Host,
            From = NonEmpty(configuration["PEERFLOW_TWILIO_FROM"]) ?? defaults.From,
        };
    }

    /// <summary>The account to send as; fails clearly rather than letting Twilio answer 401 for every text.</summary>
    internal (string Sid, string Token) ResolveAccount()
    {
        if (AccountSid is { } sid && AuthToken is { } token)
        {
            return (sid, token);
        }

        return Uri.TryCreate(Host, UriKind.Absolute, out var host) && host.Host.EndsWith("twilio.com", StringComparison.OrdinalIgnoreCase)
            ? throw new SmsNotConfiguredException("PEERFLOW_TWILIO_ACCOUNT_SID and PEERFLOW_TWILIO_AUTH_TOKEN are not set, so PeerFlow cannot send texts through Twilio.")
            : (CaptureAccount, "local-capture");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
