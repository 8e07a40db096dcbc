using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PeerFlow.Domain.Links;
using PeerFlow.Domain.Tests.Email;

namespace PeerFlow.Domain.Tests.Links;

/// <summary>
/// The Data Protection key ring is encrypted at rest (issue 19 item 7): whoever reads the <c>-keys</c> container no
/// longer holds the keys that sign mentors' links and antiforgery tokens.
/// </summary>
public sealed class KeyRingAtRestTests : IAsyncLifetime
{
    private readonly string prefix = TestStorage.NewPrefix();
    private readonly List<ServiceProvider> providers = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var provider in providers)
        {
            await provider.DisposeAsync();
        }

        await TestStorage.DeleteAsync(prefix);
    }

    [Fact]
    public async Task The_stored_keys_are_encrypted_secrets_and_links_made_before_a_restart_still_verify_after()
    {
        var certificate = TestStorage.NewCertificate("key ring at rest");
        var warnings = new List<string>();
        var token = Instance(KeyRingCertificates.From(certificate), warnings).Create(LinkAction.AcceptMatch, "referral-1", "mentor-1", TimeSpan.FromDays(5));

        var xml = await KeyRingXmlAsync();
        Assert.NotEmpty(xml);
        Assert.All(xml, key =>
        {
            Assert.Contains("<encryptedSecret", key, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", key, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(warnings, w => w.Contains("No XML encryptor configured", StringComparison.Ordinal));

        // A restart: a new process with the same certificate reads the ring and the link.
        var restarted = Instance(KeyRingCertificates.From(TestStorage.NewCertificateFrom(certificate)), []);
        Assert.Equal(LinkOutcome.Valid, (await restarted.PeekAsync(token, LinkAction.AcceptMatch)).Outcome);

        // Without the certificate the stored keys are of no use: the same link is refused.
        var stranger = Instance(KeyRingCertificates.From(TestStorage.NewCertificate("someone else")), []);
        Assert.Equal(LinkOutcome.Invalid, (await stranger.PeekAsync(token, LinkAction.AcceptMatch)).Outcome);
    }

    [Fact]
    public async Task After_the_certificate_is_renewed_keys_encrypted_by_the_previous_one_still_read()
    {
        var before = TestStorage.NewCertificate("before renewal");
        var token = Instance(KeyRingCertificates.From(before), []).Create(LinkAction.LogCheckIn, "referral-2", "match-2", TimeSpan.FromDays(5));

        var renewed = Instance(KeyRingCertificates.From(TestStorage.NewCertificate("after renewal"), before), []);

        Assert.Equal(LinkOutcome.Valid, (await renewed.PeekAsync(token, LinkAction.LogCheckIn)).Outcome);
    }

    [Fact]
    public void Outside_development_a_missing_or_unresolved_certificate_stops_the_app_with_the_reason()
    {
        Assert.Contains("PEERFLOW_KEYRING_CERTIFICATE is not set", Assert.Throws<InvalidOperationException>(() => KeyRingCertificates.FromConfiguration(Settings(null), development: false, TestStorage.Blobs, prefix)).Message, StringComparison.Ordinal);
        Assert.Contains("unresolved Key Vault reference", Assert.Throws<InvalidOperationException>(() => KeyRingCertificates.FromConfiguration(Settings("@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/PeerFlowKeyRing/)"), development: false, TestStorage.Blobs, prefix)).Message, StringComparison.Ordinal);
        Assert.Contains("not a base64 PKCS#12", Assert.Throws<InvalidOperationException>(() => KeyRingCertificates.FromConfiguration(Settings("bm90IGEgY2VydGlmaWNhdGU="), development: false, TestStorage.Blobs, prefix)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_development_without_a_certificate_one_is_made_once_and_kept_for_every_later_start()
    {
        var first = KeyRingCertificates.FromConfiguration(Settings(null), development: true, TestStorage.Blobs, prefix);
        var second = KeyRingCertificates.FromConfiguration(Settings(null), development: true, TestStorage.Blobs, prefix);

        Assert.Equal(first.Current.Thumbprint, second.Current.Thumbprint);
        Assert.True(second.Current.HasPrivateKey);
        var token = Instance(first, []).Create(LinkAction.MentorFeedback, "referral-3", "mentor-3", TimeSpan.FromDays(5));
        Assert.Equal(LinkOutcome.Valid, (await Instance(second, []).PeekAsync(token, LinkAction.MentorFeedback)).Outcome);
    }

    private SignedLinks Instance(KeyRingCertificates certificates, List<string> warnings)
    {
        var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(new Recorder(warnings)).SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(TimeProvider.System);
        services.AddPeerFlowLinks(TestStorage.Tables, TestStorage.Blobs, prefix, certificates);
        var provider = services.BuildServiceProvider();
        providers.Add(provider);
        return provider.GetRequiredService<SignedLinks>();
    }

    private async Task<List<string>> KeyRingXmlAsync()
    {
        var container = TestStorage.Blobs.GetBlobContainerClient(prefix.ToLowerInvariant() + "-keys");
        var xml = new List<string>();
        await foreach (var blob in container.GetBlobsAsync())
        {
            xml.Add((await container.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString());
        }

        return xml;
    }

    private static IConfiguration Settings(string? certificate) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [KeyRingCertificates.Setting] = certificate }).Build();

    private sealed class Recorder(List<string> messages) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (messages)
            {
                messages.Add(formatter(state, exception));
            }
        }

        public void Dispose()
        {
        }
    }
}
