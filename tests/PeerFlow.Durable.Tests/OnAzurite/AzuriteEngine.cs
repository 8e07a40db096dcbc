using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PeerFlow.Durable.Storage;
using PeerFlow.Durable.Storage.Azure;
using PeerFlow.Durable.Worker;

namespace PeerFlow.Durable.Tests.OnAzurite;

/// <summary>One engine process on Azurite: real stores, real worker, a task hub of its own per test.</summary>
internal sealed class AzuriteEngine : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    private AzuriteEngine(ServiceProvider provider) => this.provider = provider;

    public DurableClient Client => provider.GetRequiredService<DurableClient>();

    public IInstanceStore Store => provider.GetRequiredService<IInstanceStore>();

    public DurableWorkerService Worker => provider.GetRequiredService<DurableWorkerService>();

    public static string NewHub() => "e" + Guid.NewGuid().ToString("N")[..12];

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("PEERFLOW_STORAGE")
        ?? throw new InvalidOperationException("PEERFLOW_STORAGE is not set: run the tests with ./peerflow test, which starts Azurite.");

    public static async Task<AzuriteEngine> StartAsync(
        string hub, Action<DurableRegistry> register, Func<IInstanceStore, IInstanceStore>? wrapStore = null, Func<IWorkQueue, IWorkQueue>? wrapQueue = null, bool worker = true, Action<DurableOptions>? configure = null)
    {
        var clients = AzureStorageClients.FromConnectionString(ConnectionString);
        var store = new AzureInstanceStore(clients, hub);
        var queue = new AzureWorkQueue(clients, hub);
        await store.EnsureCreatedAsync(CancellationToken.None);
        await queue.EnsureCreatedAsync(CancellationToken.None);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDurableStorage(wrapStore?.Invoke(store) ?? store, wrapQueue?.Invoke(queue) ?? queue);
        services.AddDurable(register, o =>
        {
            o.TaskHub = hub;
            o.VisibilityTimeout = TimeSpan.FromSeconds(1);
            o.MinPollingInterval = TimeSpan.FromMilliseconds(10);
            o.MaxPollingInterval = TimeSpan.FromMilliseconds(100);
            configure?.Invoke(o);
        });
        if (worker)
        {
            services.AddDurableWorker();
        }

        var provider = services.BuildServiceProvider();
        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return new AzuriteEngine(provider);
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
