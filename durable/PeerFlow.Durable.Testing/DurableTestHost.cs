using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PeerFlow.Durable.Storage;
using PeerFlow.Durable.Storage.Memory;
using PeerFlow.Durable.Worker;

namespace PeerFlow.Durable.Testing;

/// <summary>
/// Runs orchestrations on the real engine (replay, processor, handler, timer pump) with in-memory storage and a
/// virtual clock. Time moves only when a test says so, and jumps from one due item to the next, so a 90-day
/// workflow runs in milliseconds.
/// </summary>
public sealed class DurableTestHost : IAsyncDisposable
{
    private readonly ServiceProvider provider;
    private readonly WorkItemHandler handler;
    private readonly TimerPump pump;
    private readonly DurableOptions options;

    /// <param name="decorateStore">Wraps the store the engine sees, e.g. to inject storage faults.</param>
    public DurableTestHost(
        Action<DurableRegistry> register,
        Action<IServiceCollection>? configureServices = null,
        DateTimeOffset? start = null,
        Action<DurableOptions>? configure = null,
        Func<IInstanceStore, IInstanceStore>? decorateStore = null)
    {
        Clock = new FakeTimeProvider(start ?? new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        Store = new MemoryInstanceStore();
        Queue = new MemoryWorkQueue(Clock);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddDurableStorage(decorateStore?.Invoke(Store) ?? Store, Queue);
        services.AddDurable(register, o =>
        {
            // Holding a wake-up waits on the clock, which here moves only when the test moves it.
            o.TimerHoldWindow = TimeSpan.Zero;
            configure?.Invoke(o);
        });
        configureServices?.Invoke(services);
        provider = services.BuildServiceProvider();
        handler = provider.GetRequiredService<WorkItemHandler>();
        pump = provider.GetRequiredService<TimerPump>();
        options = provider.GetRequiredService<IOptions<DurableOptions>>().Value;
        Client = provider.GetRequiredService<DurableClient>();
    }

    public FakeTimeProvider Clock { get; }

    public MemoryInstanceStore Store { get; }

    public MemoryWorkQueue Queue { get; }

    public DurableClient Client { get; }

    public IServiceProvider Services => provider;

    /// <summary>When false, a failing wake-up stays in the queue to be delivered again, as in production.</summary>
    public bool ThrowOnEngineErrors { get; set; } = true;

    /// <summary>Handles every wake-up that is visible now, and those they cause, until the queue has nothing visible.</summary>
    public async Task RunUntilIdleAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var batch = await Queue.ReceiveAsync(32, options.VisibilityTimeout, cancellationToken);
            if (batch.Count == 0)
            {
                return;
            }

            foreach (var item in batch)
            {
                try
                {
                    await handler.HandleAsync(item, cancellationToken);
                    await Queue.DeleteAsync(item, cancellationToken);
                }
                catch (Exception) when (!ThrowOnEngineErrors)
                {
                    // stays invisible until its visibility timeout, then is delivered again
                }
            }
        }
    }

    /// <summary>Moves the clock forward by <paramref name="by"/>, stopping at each moment something falls due.</summary>
    public Task AdvanceAsync(TimeSpan by, CancellationToken cancellationToken = default) => AdvanceToAsync(Clock.GetUtcNow() + by, cancellationToken);

    public async Task AdvanceToAsync(DateTimeOffset target, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            await pump.PumpAsync(cancellationToken);
            await RunUntilIdleAsync(cancellationToken);
            var next = NextDue();
            if (next is null || next > target)
            {
                break;
            }

            if (next > Clock.GetUtcNow())
            {
                Clock.SetUtcNow(next.Value);
            }
        }

        if (target > Clock.GetUtcNow())
        {
            Clock.SetUtcNow(target);
        }

        await pump.PumpAsync(cancellationToken);
        await RunUntilIdleAsync(cancellationToken);
    }

    /// <summary>Starts an instance and runs it until it waits for time or an event.</summary>
    public async Task<string> StartAsync(string orchestrator, object? input = null, StartOptions? startOptions = null)
    {
        var id = await Client.StartAsync(orchestrator, input, startOptions);
        await RunUntilIdleAsync();
        return id;
    }

    /// <summary>Raises an event and runs the instance until it waits again.</summary>
    public async Task RaiseEventAsync(string instanceId, string name, object? payload = null)
    {
        await Client.RaiseEventAsync(instanceId, name, payload);
        await RunUntilIdleAsync();
    }

    public async Task<InstanceStatus> GetStatusAsync(string instanceId) =>
        await Client.GetStatusAsync(instanceId, includeHistory: true, includePendingTimers: true)
        ?? throw new InstanceNotFoundException(instanceId);

    public ValueTask DisposeAsync() => provider.DisposeAsync();

    private DateTimeOffset? NextDue()
    {
        var queued = Queue.NextVisibleAt;
        DateTimeOffset? pumped = Store.EarliestTimer is { } t ? new DateTimeOffset(t, TimeSpan.Zero) - options.LongTimerThreshold : null;
        return (queued, pumped) switch
        {
            (null, null) => null,
            ({ } q, null) => q,
            (null, { } p) => p,
            ({ } q, { } p) => q < p ? q : p,
        };
    }
}
