using System.Reflection;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PeerFlow.LocalEngine.Tests;

/// <summary>
/// The worker's stream of work items from the sidecar in the same process. The sidecar sends no health pings and waits
/// for each work item's result with no timeout, so a worker that drops a quiet stream and reconnects (its default,
/// after two minutes) risks a work item written to the dropped stream, and with it an instance stopped for good.
/// </summary>
public sealed class WorkItemStreamTests
{
    [Fact]
    public async Task The_worker_keeps_a_quiet_work_item_stream_instead_of_reconnecting()
    {
        await using var host = await EngineHost.StartAsync(_ => { }, onAzurite: false);

        var options = host.Services.GetRequiredService<IOptionsMonitor<GrpcDurableTaskWorkerOptions>>().Get(Options.DefaultName);

        // The setting has only an internal getter: read it as the worker does.
        var inner = typeof(GrpcDurableTaskWorkerOptions).GetProperty("Internal", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)?.GetValue(options);
        Assert.NotNull(inner);
        var timeout = inner.GetType().GetProperty("SilentDisconnectTimeout", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)?.GetValue(inner);
        Assert.Equal(TimeSpan.Zero, Assert.IsType<TimeSpan>(timeout));
    }
}
