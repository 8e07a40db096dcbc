using Microsoft.Extensions.Configuration;

namespace PeerFlow.Domain.Email;

/// <summary>Where and as whom PeerFlow sends email; read from app settings (environment variables in Azure).</summary>
public sealed record EmailOptions
{
    public const string DefaultHost = "https://api.sendgrid.com";

    /// <summary>Stands in for an API key when talking to PeerFlow's own mail capture, which does not check it.</summary>
    internal const string CaptureApiKey = "peerflow-local-capture";

    /// <summary>PEERFLOW_SENDGRID_API_KEY. Required when <see cref="Host"/> is SendGrid.</summary>
    public string? ApiKey { get; init; }

    /// <summary>PEERFLOW_SENDGRID_HOST: SendGrid, or locally PeerFlow's mail capture (e.g. http://127.0.0.1:7071).</summary>
    public string Host { get; init; } = DefaultHost;

    /// <summary>PEERFLOW_MAIL_FROM.</summary>
    public string FromAddress { get; init; } = "noreply@peerflow.local";

    /// <summary>PEERFLOW_MAIL_FROM_NAME.</summary>
    public string FromName { get; init; } = "PeerFlow";

    public static EmailOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var defaults = new EmailOptions();
        return new EmailOptions
        {
            ApiKey = NonEmpty(configuration["PEERFLOW_SENDGRID_API_KEY"]),
            Host = NonEmpty(configuration["PEERFLOW_SENDGRID_HOST"]) ?? defaults.Host,
            FromAddress = NonEmpty(configuration["PEERFLOW_MAIL_FROM"]) ?? defaults.FromAddress,
            FromName = NonEmpty(configuration["PEERFLOW_MAIL_FROM_NAME"]) ?? defaults.FromName,
        };
    }

    /// <summary>The key to send with; fails clearly rather than letting SendGrid answer 401 for every email.</summary>
    internal string ResolveApiKey()
    {
        if (ApiKey is { } key)
        {
            return key;
        }

        return Uri.TryCreate(Host, UriKind.Absolute, out var host) && host.Host.EndsWith("sendgrid.com", StringComparison.OrdinalIgnoreCase)
            ? throw new InvalidOperationException("PEERFLOW_SENDGRID_API_KEY is not set, so PeerFlow cannot send email through SendGrid.")
            : CaptureApiKey;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
