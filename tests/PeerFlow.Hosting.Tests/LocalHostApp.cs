using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PeerFlow.Hosting.Tests;

/// <summary>The local host on Azurite, with a task hub of its own, signing staff in as the Functions app does (Easy Auth) unless told otherwise.</summary>
public sealed class LocalHostApp(string environment = "Development", string signIn = "EasyAuth") : WebApplicationFactory<Program>
{
    public string TaskHub { get; } = "h" + Guid.NewGuid().ToString("N")[..12];

    public static string Storage => Environment.GetEnvironmentVariable("PEERFLOW_STORAGE")
        ?? throw new InvalidOperationException("PEERFLOW_STORAGE is not set: run the tests with ./peerflow test, which starts Azurite.");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("PEERFLOW_STORAGE", Storage);
        builder.UseSetting("PEERFLOW_TASK_HUB", TaskHub);
        builder.UseSetting("PEERFLOW_SIGN_IN", signIn);
        builder.UseSetting("PEERFLOW_DEMO_DATA", "false");
        builder.UseSetting("PEERFLOW_PUBLIC_POST_BURST", "100000"); // every test client is one address, posting far more than a person
        builder.UseSetting("PEERFLOW_SCHEME_POST_BURST", "100000"); // and to one or two schemes
        builder.UseSetting("PEERFLOW_SENDGRID_HOST", "http://127.0.0.1:9");
        builder.UseSetting("PEERFLOW_SENDGRID_API_KEY", "hosting-tests");
        builder.UseSetting("PEERFLOW_HASH_KEY", ServiceLifetimeTests.TestHashKey);
        builder.UseSetting("PEERFLOW_KEYRING_CERTIFICATE", ServiceLifetimeTests.TestKeyRingCertificate);
    }
}
