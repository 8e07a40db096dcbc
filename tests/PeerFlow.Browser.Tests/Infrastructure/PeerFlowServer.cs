using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PeerFlow.Browser.Tests.Infrastructure;

/// <summary>
/// The real app on a real socket (Kestrel on 127.0.0.1), on Azurite, in the Development environment: the sandbox
/// clock, the /dev routes and the mail capture are there, its own worker runs the workflows, and emails go over HTTP
/// to the app's own SendGrid stand-in with links that point back at this server.
/// </summary>
public sealed class PeerFlowServer : WebApplicationFactory<Program>
{
    public PeerFlowServer()
    {
        // The port must be known before the host is built: the app's settings name it.
        Port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{Port}/");
        UseKestrel(options => options.Listen(IPAddress.Loopback, Port));
    }

    public int Port { get; }

    public Uri BaseUrl { get; }

    /// <summary>Prefix of the engine's and the records' tables, new for each server so runs never meet.</summary>
    public string TaskHub { get; } = "b" + Guid.NewGuid().ToString("N")[..12];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var storage = Environment.GetEnvironmentVariable("PEERFLOW_STORAGE")
            ?? throw new InvalidOperationException("PEERFLOW_STORAGE is not set: run the tests with ./peerflow test, which starts Azurite.");
        var self = BaseUrl.ToString().TrimEnd('/');
        builder.UseEnvironment("Development");
        builder.UseSetting("PEERFLOW_STORAGE", storage);
        builder.UseSetting("PEERFLOW_TASK_HUB", TaskHub);
        builder.UseSetting("PEERFLOW_DEMO_DATA", "false");
        builder.UseSetting("PEERFLOW_PUBLIC_POST_BURST", "100000"); // every test client is one address, posting far more than a person
        builder.UseSetting("PEERFLOW_SCHEME_POST_BURST", "100000"); // and to one or two schemes
        builder.UseSetting("PEERFLOW_SENDGRID_HOST", self);
        builder.UseSetting("PEERFLOW_SENDGRID_API_KEY", "browser-tests-capture");
        builder.UseSetting("PEERFLOW_PUBLIC_BASE_URL", BaseUrl.ToString());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
