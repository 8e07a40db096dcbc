using System.Net;
using System.Net.Sockets;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PeerFlow.LocalEngine.Clock;

namespace PeerFlow.LocalEngine;

/// <summary>
/// The Durable Task gRPC sidecar (<see cref="TaskHubGrpcServer"/>) in this process, on a free loopback port, in
/// front of the backend; the app's worker and client connect to it as they would to any Durable Task sidecar.
/// </summary>
public sealed class LocalSidecar : IHostedService, IAsyncDisposable
{
    private readonly LocalEngineSetup setup;
    private readonly IServiceProvider services;
    private WebApplication? server;

    public LocalSidecar(LocalEngineSetup setup, IServiceProvider services)
    {
        this.setup = setup;
        this.services = services;
        Port = FreePort();
        Channel = GrpcChannel.ForAddress($"http://127.0.0.1:{Port}");
    }

    public int Port { get; }

    public GrpcChannel Channel { get; }

    /// <summary>The backend as the app may use it directly (e.g. the sandbox clock's tests); set once started.</summary>
    public LocalBackend? Backend { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var loggerFactory = services.GetRequiredService<ILoggerFactory>();
        var backend = setup.Backend(loggerFactory);
        // The sidecar's CreateTaskHub does not await this; the hub must exist before anything polls it.
        await backend.Service.CreateIfNotExistsAsync();
        Backend = backend;

        IOrchestrationService dispatch = backend.Service;
        var client = backend.Client;
        if (services.GetService<HeldTimers>() is { } held)
        {
            await services.GetRequiredService<SandboxClock>().LoadAsync(cancellationToken);
            await held.LoadAsync(backend.Client, cancellationToken);
            var inFlight = services.GetRequiredService<WorkInFlight>();
            dispatch = new ClockedOrchestrationService(backend.Service, held, inFlight);
            client = new ClockedOrchestrationClient(backend.Client, inFlight);
        }
        else if (services.GetService<FastClock>() is { } fast)
        {
            dispatch = new FastTimers(backend.Service, fast);
        }

        dispatch = new StopWithoutDraining(dispatch, loggerFactory.CreateLogger<LocalSidecar>());
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, Port, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(dispatch);
        builder.Services.AddSingleton(client);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        server = builder.Build();
        server.MapGrpcService<TaskHubGrpcServer>();
        await server.StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (server is not null)
        {
            await server.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
            server = null;
        }

        Channel.Dispose();
        (Backend?.Service as IDisposable)?.Dispose();
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
