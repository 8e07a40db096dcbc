using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PeerFlow.Durable.Storage;
using PeerFlow.Durable.Telemetry;
using PeerFlow.Durable.Worker;

namespace PeerFlow.Durable;

public static class DurableServiceCollectionExtensions
{
    /// <summary>
    /// Registers the engine: orchestrators and activities, the client, and the work handlers that a host drives.
    /// Storage is registered separately (<c>IInstanceStore</c>, <c>IWorkQueue</c>).
    /// </summary>
    public static IServiceCollection AddDurable(this IServiceCollection services, Action<DurableRegistry> register, Action<DurableOptions>? configure = null)
    {
        var registry = new DurableRegistry();
        register(registry);
        services.AddSingleton(registry);
        services.AddOptions<DurableOptions>().Configure(o => configure?.Invoke(o));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(DataConverter.Default);
        services.AddMetrics();
        services.TryAddSingleton(sp => new DurableTelemetry(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton<Dispatcher>();
        services.TryAddSingleton<ActivityRunner>();
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<OrchestrationProcessor>(sp, sp));
        services.TryAddSingleton(sp => new WorkItemHandler(
            sp.GetRequiredService<OrchestrationProcessor>(), sp.GetRequiredService<IInstanceStore>(), sp.GetRequiredService<Dispatcher>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<DurableOptions>>(), sp.GetRequiredService<ILogger<WorkItemHandler>>()));
        services.TryAddSingleton(sp => new TimerPump(
            sp.GetRequiredService<IInstanceStore>(), sp.GetRequiredService<IWorkQueue>(), sp.GetRequiredService<Dispatcher>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<DurableOptions>>()));
        services.TryAddSingleton<DurableClient>();
        return services;
    }

    /// <summary>Adds the standalone background worker that polls the queue. Not for Azure Functions, where triggers drive the engine.</summary>
    public static IServiceCollection AddDurableWorker(this IServiceCollection services)
    {
        services.TryAddSingleton<DurableWorkerService>();
        services.AddHostedService(sp => sp.GetRequiredService<DurableWorkerService>());
        return services;
    }

    public static IServiceCollection AddDurableStorage(this IServiceCollection services, IInstanceStore store, IWorkQueue queue)
    {
        services.AddSingleton(store);
        services.AddSingleton(queue);
        return services;
    }
}
