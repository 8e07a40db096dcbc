extern alias FunctionsApp;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PeerFlow.LocalHost.Dev;
using FunctionsWorker = FunctionsApp::PeerFlow.Functions.FunctionsWorker;

namespace PeerFlow.Hosting.Tests;

/// <summary>
/// Each host's services, built the way the host builds them with every lifetime checked (a singleton that holds a
/// scoped service fails here in seconds, not at a newcomer's first <c>./peerflow run</c>), and every hosted service
/// constructed from the root, as the host constructs them. Nothing is started.
/// </summary>
public sealed class ServiceLifetimeTests
{
    [Theory]
    [InlineData("Development", "true")]
    [InlineData("Development", "false")]
    [InlineData("Production", "false")]
    public void TheLocalHost_BuildsWithEveryLifetimeChecked(string environment, string demoData)
    {
        using var app = new UnstartedLocalHost(environment, demoData);

        var hosted = app.Services.GetServices<IHostedService>().ToList();

        Assert.NotEmpty(hosted);
        EveryActivityCanBeMade(app.Services);
        Assert.Equal(demoData == "true", hosted.Any(h => h is DemoData));
        if (demoData == "true")
        {
            // What DemoData resolves in its own scope must resolve there.
            using var scope = app.Services.CreateScope();
            Assert.NotNull(scope.ServiceProvider.GetRequiredService<DemoSeeder>());
        }
    }

    [Fact]
    public void OutsideDevelopment_WithoutAHashKey_TheLocalHostRefusesToStart_AndSaysWhy()
    {
        using var app = new UnstartedLocalHost("Production", "false", hashKey: null);

        var refused = Assert.ThrowsAny<Exception>(() => app.Services);

        Assert.Contains("PEERFLOW_HASH_KEY is not set", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void OutsideDevelopment_WithoutAKeyRingCertificate_TheLocalHostRefusesToStart_AndSaysWhy()
    {
        using var app = new UnstartedLocalHost("Production", "false", withKeyRingCertificate: false);

        var refused = Assert.ThrowsAny<Exception>(() => app.Services);

        Assert.Contains("PEERFLOW_KEYRING_CERTIFICATE is not set", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheFunctionsWorker_BuildsWithEveryLifetimeChecked()
    {
        // Read while the worker's services are added, so on its command line, as the Functions host hands settings over.
        var builder = FunctionsWorker.CreateBuilder(["--PEERFLOW_HASH_KEY=" + TestHashKey, "--PEERFLOW_KEYRING_CERTIFICATE=" + TestKeyRingCertificate]);
        // What the Functions host hands its worker at start (where its gRPC endpoint is, who the worker is).
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Functions:Worker:HostEndpoint"] = "http://127.0.0.1:9",
            ["Functions:Worker:WorkerId"] = Guid.NewGuid().ToString(),
            ["Functions:Worker:GrpcMaxMessageLength"] = "2147483647",
        });
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }));

        using var host = builder.Build();

        Assert.NotEmpty(host.Services.GetServices<IHostedService>());

        // ASP.NET Core's request log lines hold whole URLs, link tokens too. The worker's defaults already keep them
        // from the host (and so from Application Insights); checked here so that it stays so.
        var loggers = host.Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>();
        Assert.False(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information));
        Assert.True(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(Microsoft.Extensions.Logging.LogLevel.Warning));
        Assert.True(loggers.CreateLogger("PeerFlow.Web.Actions.Erasure").IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information));
    }

    /// <summary>
    /// The worker makes each activity from a scope of the host's services when its first work item comes: a missing
    /// service would fail only then, in a referral's workflow or on the 1st of the month. Made here instead, in the
    /// local host (the Functions app's activities need the workflow client its function binding gives each call).
    /// </summary>
    private static void EveryActivityCanBeMade(IServiceProvider services)
    {
        var activities = typeof(PeerFlow.Orchestrations.ReferralLifecycle).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && IsActivity(t))
            .ToList();
        Assert.NotEmpty(activities);
        using var scope = services.CreateScope();
        Assert.All(activities, type => Assert.NotNull(ActivatorUtilities.CreateInstance(scope.ServiceProvider, type)));
    }

    private static bool IsActivity(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Microsoft.DurableTask.TaskActivity<,>))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The local host as Program.cs builds it, with scope validation on in every environment, built but not started.</summary>
    /// <summary>A key for the hosts that run outside Development; any 32 characters or more.</summary>
    internal const string TestHashKey = "hosting-tests-hash-key-0123456789abcdef";

    /// <summary>A key ring certificate for the hosts that run outside Development.</summary>
    internal static readonly string TestKeyRingCertificate = PeerFlow.Domain.Links.KeyRingCertificates.CreateSelfSigned("PeerFlow hosting tests", TimeProvider.System);

    private sealed class UnstartedLocalHost(string environment, string demoData, string? hashKey = TestHashKey, bool withKeyRingCertificate = true) : WebApplicationFactory<Program>
    {
        private readonly string taskHub = "l" + Guid.NewGuid().ToString("N")[..12];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("PEERFLOW_STORAGE", LocalHostApp.Storage);
            builder.UseSetting("PEERFLOW_TASK_HUB", taskHub);
            builder.UseSetting("PEERFLOW_DEMO_DATA", demoData);
            builder.UseSetting("PEERFLOW_HASH_KEY", hashKey);
            builder.UseSetting("PEERFLOW_SENDGRID_API_KEY", "SG.hosting-tests-not-a-key");
            builder.UseSetting("PEERFLOW_KEYRING_CERTIFICATE", withKeyRingCertificate ? TestKeyRingCertificate : null);
            builder.UseDefaultServiceProvider(o =>
            {
                o.ValidateScopes = true;
                o.ValidateOnBuild = true;
            });
        }

        protected override IHost CreateHost(IHostBuilder builder) => new NeverStarted(builder.Build());
    }

    /// <summary>A built host that is never started, so stopping it is nothing, and disposing it frees its services.</summary>
    private sealed class NeverStarted(IHost host) : IHost
    {
        public IServiceProvider Services => host.Services;

        public Task StartAsync(CancellationToken cancellationToken = default) => throw new InvalidOperationException("This host is only built, never started.");

        public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public void Dispose() => host.Dispose();
    }
}
