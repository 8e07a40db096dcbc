using Grpc.Core.Interceptors;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.DurableTask.Worker.Grpc.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PeerFlow.LocalEngine.Clock;

namespace PeerFlow.LocalEngine;

/// <summary>
/// What the local engine runs on: a backend, a store for the sandbox clock when time may be moved, and the workflow
/// version new instances are stamped with and the worker runs (empty: unversioned, for engine tests).
/// </summary>
public sealed record LocalEngineSetup(Func<ILoggerFactory, LocalBackend> Backend, IClockStore? ClockStore, string WorkflowVersion = "")
{
    /// <summary>Sees the worker's gRPC calls after the sandbox clock's mapping (tests record histories with it).</summary>
    public Interceptor? WorkerObserver { get; init; }

    /// <summary>
    /// Instead of the sandbox clock (no clock store), workflow time that runs fast from a fixed instant, the same in
    /// every process given the same settings: for runs of several hosts with deadlines falling due.
    /// </summary>
    public FastClock? FastClock { get; init; }
}

public static class LocalEngineServiceCollectionExtensions
{
    /// <summary>
    /// Under the sandbox clock held timers never reach the backend's queue delays, so the SDK need not cut long timers
    /// into the 3-day pieces that Azure Storage needs; one timer per deadline keeps the sandbox clock's steps few.
    /// </summary>
    public static readonly TimeSpan SandboxTimerInterval = TimeSpan.FromDays(3650);

    /// <summary>
    /// The sidecar, the Durable Task gRPC worker running <paramref name="tasks"/> and the client, all connected; with a
    /// clock store, the sandbox clock too (and it becomes the app's <see cref="TimeProvider"/>). Call it before adding
    /// hosted services that use the client, so the sidecar starts first.
    /// </summary>
    public static IServiceCollection AddLocalDurableTask(this IServiceCollection services, LocalEngineSetup setup, Action<DurableTaskRegistry> tasks)
    {
        services.AddSingleton(setup);
        services.AddSingleton<LocalSidecar>();
        services.AddHostedService(sp => sp.GetRequiredService<LocalSidecar>());
        if (setup.ClockStore is { } store)
        {
            services.AddSingleton(store);
            services.AddSingleton<SandboxClock>();
            services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<SandboxClock>());
            // Built here: its patience is real time, and DI would hand it the sandbox clock.
            services.AddSingleton(_ => new WorkInFlight());
            services.AddSingleton<HeldTimers>();
            services.AddHostedService(sp => sp.GetRequiredService<HeldTimers>());
        }
        else if (setup.FastClock is { } fast)
        {
            services.AddSingleton(fast);
            services.AddSingleton<TimeProvider>(fast);
        }
        else
        {
            services.TryAddSingleton(TimeProvider.System);
        }

        services.AddDurableTaskWorker(builder =>
        {
            builder.AddTasks(tasks);
            builder.UseGrpc();
            if (setup.ClockStore is not null)
            {
                builder.Configure(o => o.MaximumTimerInterval = SandboxTimerInterval);
            }

            if (setup.WorkflowVersion.Length > 0)
            {
                // As host.json asks of Durable Functions: new instances at this version, and an instance of a newer
                // one (started by a newer build on the same store) left in its queue for that build, not failed.
                builder.UseVersioning(new DurableTaskWorkerOptions.VersioningOptions
                {
                    Version = setup.WorkflowVersion,
                    DefaultVersion = setup.WorkflowVersion,
                    MatchStrategy = DurableTaskWorkerOptions.VersionMatchStrategy.CurrentOrOlder,
                    FailureStrategy = DurableTaskWorkerOptions.VersionFailureStrategy.Reject,
                });
            }

            builder.Services.AddOptions<GrpcDurableTaskWorkerOptions>(builder.Name)
                .Configure<LocalSidecar, IServiceProvider>((o, sidecar, sp) =>
                {
                    var invoker = ((IWorkflowClock?)sp.GetService<SandboxClock>() ?? sp.GetService<FastClock>()) is { } clock
                        ? sidecar.Channel.Intercept(new WorkflowTimeInterceptor(clock))
                        : sidecar.Channel.CreateCallInvoker();
                    o.CallInvoker = setup.WorkerObserver is { } observer ? invoker.Intercept(observer) : invoker;
                    // The worker drops its work-item stream after two quiet minutes, expecting health pings this
                    // sidecar never sends, and reconnects: every two minutes of idleness, for the life of the host. A
                    // work item the sidecar writes to the dropped stream in that moment would be lost, and the sidecar
                    // awaits each result with no timeout, so its instance would stop for good. On a loopback channel
                    // in this process, silence is idleness, not a dead connection: the reconnect is switched off.
                    o.SetSilentDisconnectTimeout(TimeSpan.Zero);
                });
        });
        services.AddDurableTaskClient(builder =>
        {
            builder.UseGrpc();
            builder.RegisterDirectly();
            builder.Services.AddOptions<GrpcDurableTaskClientOptions>(builder.Name)
                .Configure<LocalSidecar>((o, sidecar) =>
                {
                    o.Channel = sidecar.Channel;
                    // The version a start without one of its own is stamped with (empty: none).
                    o.DefaultVersion = setup.WorkflowVersion;
                });
        });
        return services;
    }
}
