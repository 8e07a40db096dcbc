using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PeerFlow.Domain.Storage;
using PeerFlow.LocalEngine;
using PeerFlow.LocalEngine.Clock;
using PeerFlow.Orchestrations.Tests.Replay;
using System.Runtime.CompilerServices;

namespace PeerFlow.Orchestrations.Tests;

/// <summary>
/// PeerFlow's workflows on the real Durable Task engine (the in-memory backend, or DurableTask.AzureStorage on
/// Azurite) under the sandbox clock, which starts at a chosen instant. Every step waits until the engine has settled,
/// so a test reads the results of what it just did; time only moves when the test moves it.
/// </summary>
internal sealed class WorkflowTestHost(IHost host, HistoryRecorder recorder, string scenario) : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public IServiceProvider Services => host.Services;

    public DurableTaskClient Client => host.Services.GetRequiredService<DurableTaskClient>();

    public SandboxClock Clock => host.Services.GetRequiredService<SandboxClock>();

    public static string Storage => Environment.GetEnvironmentVariable("PEERFLOW_STORAGE")
        ?? throw new InvalidOperationException("PEERFLOW_STORAGE is not set: run the tests with ./peerflow test, which starts Azurite.");

    /// <summary>The last turn of every generation this host's workflows ran, for the replay tests.</summary>
    public HistoryRecorder Recorder => recorder;

    public static async Task<WorkflowTestHost> StartAsync(
        Action<DurableTaskRegistry> tasks, Action<IServiceCollection> services, DateTimeOffset start, bool onAzurite = false, [CallerMemberName] string scenario = "")
    {
        var observer = new HistoryRecorder();
        var hub = "w" + Guid.NewGuid().ToString("N")[..12];
        var setup = onAzurite
            ? new LocalEngineSetup(logs => LocalBackend.AzureStorage(Storage, hub, logs), new TableClockStore(new Azure.Data.Tables.TableClient(Storage, hub + "Clock")), WorkflowVersion.Current) { WorkerObserver = observer }
            : new LocalEngineSetup(LocalBackend.InMemory, new MemoryClockStore(), WorkflowVersion.Current) { WorkerObserver = observer };
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        services(builder.Services);
        builder.Services.AddLocalDurableTask(setup, tasks);
        var built = builder.Build();
        await built.Services.GetRequiredService<SandboxClock>().StartAtAsync(start.UtcDateTime, CancellationToken.None);
        await built.StartAsync();
        return new WorkflowTestHost(built, observer, scenario);
    }

    public async Task StartAsync(string name, object? input, string instanceId, string? version = null)
    {
        // Only an explicit version is passed: a string converts to TaskVersion even when null, and would override the default.
        var options = version is null ? new StartOrchestrationOptions(instanceId) : new StartOrchestrationOptions(instanceId) { Version = version };
        await Client.ScheduleNewOrchestrationInstanceAsync(name, input, options);
        await SettleAsync();
    }

    /// <summary>What the API does: the signal into the referral's inbox, then the doorbell; then waits until handled.</summary>
    public async Task RaiseEventAsync(string instanceId, string name, Signal signal)
    {
        await PostSignalAsync(instanceId, name, signal);
        await SettleAsync();
    }

    /// <summary>Stores a signal and rings the doorbell without waiting for the workflow to handle it.</summary>
    public async Task PostSignalAsync(string instanceId, string name, Signal signal)
    {
        var store = Services.GetRequiredService<PeerFlowStore>();
        var id = await store.Inbox.PostAsync(instanceId, name, Activities.TakeSignal.Serialize(signal), Clock.GetUtcNow().UtcDateTime, CancellationToken.None);
        await Client.RaiseEventAsync(instanceId, LifecycleEvents.Doorbell, id);
    }

    public Task AdvanceAsync(TimeSpan by) => AdvanceToAsync(Clock.GetUtcNow() + by);

    public async Task AdvanceToAsync(DateTimeOffset to)
    {
        using var cts = new CancellationTokenSource(Patience * 10);
        await Services.GetRequiredService<HeldTimers>().MoveToAsync(to.UtcDateTime, cts.Token);
        await SettleAsync();
    }

    public async Task<OrchestrationMetadata> GetStatusAsync(string instanceId) =>
        await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true) ?? throw new InvalidOperationException($"No instance {instanceId}.");

    /// <summary>Waits until nothing is in flight: every start, event, released timer and activity has been handled.</summary>
    public async Task SettleAsync()
    {
        using var cts = new CancellationTokenSource(Patience);
        await Services.GetRequiredService<WorkInFlight>().WhenIdleAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        HistoryLibrary.SaveIfAsked(recorder.Turns, scenario);
    }
}
