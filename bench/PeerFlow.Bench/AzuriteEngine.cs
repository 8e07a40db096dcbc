using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PeerFlow.Durable;
using PeerFlow.Durable.Storage;
using PeerFlow.Durable.Storage.Azure;

namespace PeerFlow.Bench;

/// <summary>
/// One engine process on Azurite, wired as a standalone host wires it (AddDurable, AddDurableWorker), with a task hub
/// of its own. Like tests/.../OnAzurite/AzuriteEngine.cs, but the storage clients are given, so they can be counted.
/// </summary>
internal sealed class AzuriteEngine : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    private AzuriteEngine(ServiceProvider provider, string hub)
    {
        this.provider = provider;
        Hub = hub;
    }

    public string Hub { get; }

    public DurableClient Client => provider.GetRequiredService<DurableClient>();

    public IServiceProvider Services => provider;

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("PEERFLOW_STORAGE") is { Length: > 0 } value
            ? value
            : throw new BenchFailedException("PEERFLOW_STORAGE is not set: run this through `./peerflow bench SCENARIO`, which starts Azurite.");

    public static string NewHub(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Clients without any counting, for the benchmark's own polling.</summary>
    public static AzureStorageClients PlainClients() => AzureStorageClients.FromConnectionString(ConnectionString);

    /// <param name="configure">Engine options after the benchmark's defaults; the options used are reported by each scenario.</param>
    public static async Task<AzuriteEngine> StartAsync(string hub, AzureStorageClients clients, Action<DurableRegistry> register, Action<DurableOptions>? configure = null)
    {
        var store = new AzureInstanceStore(clients, hub);
        var queue = new AzureWorkQueue(clients, hub);
        await store.EnsureCreatedAsync(CancellationToken.None);
        await queue.EnsureCreatedAsync(CancellationToken.None);
        var services = new ServiceCollection();
        services.AddLogging(); // no providers: the engine logs nothing to stdout
        services.AddDurableStorage(store, queue);
        services.AddDurable(register, o =>
        {
            o.TaskHub = hub;
            configure?.Invoke(o);
        });
        services.AddDurableWorker();
        var provider = services.BuildServiceProvider();
        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return new AzuriteEngine(provider, hub);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        await provider.DisposeAsync();
    }
}
