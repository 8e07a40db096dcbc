using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PeerFlow.LocalEngine;
using PeerFlow.LocalEngine.Clock;

namespace PeerFlow.LocalEngine.Tests;

/// <summary>A host running only the local engine, on Azurite (a task hub of its own) or in memory.</summary>
internal sealed class EngineHost(IHost host, string hub) : IAsyncDisposable
{
    /// <summary>The task hub (on Azurite: its queues, tables and blobs, and the clock's table, hub + "Clock").</summary>
    public string Hub => hub;

    public DurableTaskClient Client => host.Services.GetRequiredService<DurableTaskClient>();

    public SandboxClock Clock => host.Services.GetRequiredService<SandboxClock>();

    public HeldTimers Timers => host.Services.GetRequiredService<HeldTimers>();

    public WorkInFlight InFlight => host.Services.GetRequiredService<WorkInFlight>();

    public IServiceProvider Services => host.Services;

    public static string Storage => Environment.GetEnvironmentVariable("PEERFLOW_STORAGE")
        ?? throw new InvalidOperationException("PEERFLOW_STORAGE is not set: run the tests with ./peerflow test, which starts Azurite.");

    public static string NewHubName() => "t" + Guid.NewGuid().ToString("N")[..12];

    /// <param name="clockStore">In memory only: the clock's store, instead of a new <see cref="MemoryClockStore"/>.</param>
    /// <param name="fast">On Azurite only: a fast clock instead of the sandbox clock.</param>
    public static async Task<EngineHost> StartAsync(
        Action<DurableTaskRegistry> tasks, bool onAzurite, string? hub = null, Action<IServiceCollection>? services = null, IClockStore? clockStore = null, FastClock? fast = null)
    {
        hub ??= NewHubName();
        var setup = fast is not null
            ? new LocalEngineSetup(logs => LocalBackend.AzureStorage(Storage, hub, logs), ClockStore: null) { FastClock = fast }
            : onAzurite
            ? new LocalEngineSetup(
                logs => LocalBackend.AzureStorage(Storage, hub, logs),
                new TableClockStore(new Azure.Data.Tables.TableClient(Storage, hub + "Clock")))
            : new LocalEngineSetup(LocalBackend.InMemory, clockStore ?? new MemoryClockStore());
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        services?.Invoke(builder.Services);
        builder.Services.AddLocalDurableTask(setup, tasks);
        var host = builder.Build();
        await host.StartAsync();
        return new EngineHost(host, hub);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
