using System.Reflection;
using DurableTask.Core;
using Microsoft.Extensions.Logging.Abstractions;

namespace PeerFlow.LocalEngine.Tests;

/// <summary>
/// The sidecar stops the backend from an async void handler, where a throw ends the process: the stop it is given
/// asks for no drain and lets nothing out.
/// </summary>
public sealed class BackendStopTests
{
    [Fact]
    public async Task The_sidecar_stops_its_backend_forced_and_a_failing_stop_does_not_escape()
    {
        var backend = DispatchProxy.Create<IOrchestrationService, FailingStop>();
        var calls = ((FailingStop)backend).Calls;

        await new StopWithoutDraining(backend, NullLogger.Instance).StopAsync();
        await new StopWithoutDraining(backend, NullLogger.Instance).StopAsync(isForced: false);

        Assert.Equal(["StopAsync(True)", "StopAsync(True)"], calls);
    }

    /// <summary>A backend whose stop throws as DurableTask.AzureStorage's did after its ten-minute drain.</summary>
    public class FailingStop : DispatchProxy
    {
        public List<string> Calls { get; } = [];

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            Calls.Add($"{targetMethod!.Name}({string.Join(", ", args ?? [])})");
            return Task.FromException(new TimeoutException("Timed-out waiting for the partition manager to shut down."));
        }
    }
}
