using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PeerFlow.LocalEngine;

namespace PeerFlow.Bench;

/// <summary>
/// One local engine (DurableTask.AzureStorage behind the in-process gRPC sidecar, with the gRPC worker and client) on a
/// task hub of its own, in real time: no sandbox clock, so timers fire when the machine's clock says so.
/// </summary>
internal sealed class BenchEngine : IAsyncDisposable
{
    private readonly IHost host;

    private BenchEngine(IHost host, string hub)
    {
        this.host = host;
        Hub = hub;
    }

    public string Hub { get; }

    public DurableTaskClient Client => host.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>The backend the sidecar dispatches from, to report its concurrency limits.</summary>
    public IOrchestrationService Service =>
        host.Services.GetRequiredService<LocalSidecar>().Backend?.Service ?? throw new InvalidOperationException("The sidecar has not started.");

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("PEERFLOW_STORAGE") is { Length: > 0 } value
            ? value
            : throw new BenchFailedException("PEERFLOW_STORAGE is not set: run this through `./peerflow bench SCENARIO`, which starts Azurite.");

    /// <summary>Task hub names: letters and digits only, starting with a letter (queue and table naming rules).</summary>
    public static string NewHub(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    public static async Task<BenchEngine> StartAsync(string connectionString, string hub, Action<DurableTaskRegistry> tasks)
    {
        // No default configuration sources or providers: nothing may log to stdout, which carries the one JSON line.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        // DurableTask.AzureStorage logs every poll and message at Information; warnings are what says something is wrong.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddLocalDurableTask(
            new LocalEngineSetup(logs => LocalBackend.AzureStorage(connectionString, hub, logs), ClockStore: null),
            tasks);
        var host = builder.Build();
        await host.StartAsync();
        return new BenchEngine(host, hub);
    }

    /// <summary>
    /// Removes a task hub's queues, tables and lease blobs once nothing runs on it any more, so that a benchmark run
    /// against a long-lived Azurite does not leave its data behind (and slow the next run's table scans).
    /// </summary>
    /// <remarks>Called from <c>finally</c> blocks, so it never throws: a failure here must not hide the one that got us here.</remarks>
    public static async Task DeleteHubAsync(string connectionString, string hub)
    {
        var backend = LocalBackend.AzureStorage(connectionString, hub, NullLoggerFactory.Instance);
        try
        {
            await backend.Service.DeleteAsync();
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or IOException or InvalidOperationException or HttpRequestException)
        {
            Console.Error.WriteLine($"bench:   could not delete task hub {hub}: {ex.Message}");
        }
        finally
        {
            (backend.Service as IDisposable)?.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StopAsync(stopping.Token);
        if (host is IAsyncDisposable asyncHost)
        {
            await asyncHost.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }
    }
}
