using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PeerFlow.Durable;
using PeerFlow.Durable.Storage;

namespace PeerFlow.Functions.Tests;

/// <summary>The app as the Functions host runs it (custom-handler mode), on Azurite, with a task hub of its own.</summary>
public sealed class FunctionsApp : WebApplicationFactory<Program>
{
    public string TaskHub { get; } = "f" + Guid.NewGuid().ToString("N")[..12];

    public bool FunctionsMode { get; init; } = true;

    /// <summary>Wraps the store the app uses, e.g. to make processing fail.</summary>
    public Func<IInstanceStore, IInstanceStore>? DecorateStore { get; init; }

    public DurableClient Client => Services.GetRequiredService<DurableClient>();

    public DurableRegistry Registry => Services.GetRequiredService<DurableRegistry>();

    /// <summary>The staff member the test clients act as; in custom-handler mode the app trusts Easy Auth's header.</summary>
    public const string StaffName = "test.coordinator@example.org";

    /// <summary>Clients act as signed-in staff, as App Service Authentication would make them.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Add(PeerFlow.Functions.Web.StaffGuard.PrincipalNameHeader, StaffName);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var storage = Environment.GetEnvironmentVariable("PEERFLOW_STORAGE")
            ?? throw new InvalidOperationException("PEERFLOW_STORAGE is not set: run the tests with ./peerflow test, which starts Azurite.");
        builder.UseSetting("PEERFLOW_STORAGE", storage);
        builder.UseSetting("PEERFLOW_TASK_HUB", TaskHub);
        builder.UseSetting("PEERFLOW_DEMO_DATA", "false");
        builder.UseSetting("FUNCTIONS_CUSTOMHANDLER_PORT", FunctionsMode ? "7099" : string.Empty);
        if (DecorateStore is { } decorate)
        {
            builder.ConfigureServices(services =>
            {
                var real = (IInstanceStore)services.Last(d => d.ServiceType == typeof(IInstanceStore)).ImplementationInstance!;
                services.AddSingleton(decorate(real));
            });
        }
    }
}
