using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PeerFlow.Durable.History;
using PeerFlow.Durable.Telemetry;

namespace PeerFlow.Durable.Worker;

/// <summary>
/// Runs scheduled activities in the worker that committed them, each in its own DI scope. Results go back into the
/// instance's next episode; if the worker dies first, recovery runs them again (at least once).
/// </summary>
internal sealed partial class ActivityRunner(
    DurableRegistry registry, IServiceScopeFactory scopes, DataConverter converter, DurableTelemetry telemetry,
    IOptions<DurableOptions> options, ILogger<ActivityRunner> logger) : IDisposable
{
    private readonly SemaphoreSlim slots = new(options.Value.MaxConcurrentActivities);

    public Task<HistoryEvent[]> RunAllAsync(string instanceId, int generation, IEnumerable<TaskScheduled> calls, CancellationToken cancellationToken) =>
        Task.WhenAll(calls.Select(call => RunAsync(instanceId, generation, call, cancellationToken)));

    private async Task<HistoryEvent> RunAsync(string instanceId, int generation, TaskScheduled call, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken);
        using var span = DurableTelemetry.Source.StartActivity($"activity {call.Name}", ActivityKind.Internal);
        span?.SetTag("peerflow.instance_id", instanceId);
        span?.SetTag("peerflow.task_id", call.TaskId);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var activity = registry.CreateActivity(call.Name, scope.ServiceProvider)
                ?? throw new InvalidOperationException($"No activity named '{call.Name}' is registered.");
            var input = converter.Deserialize(call.Input, activity.InputType);
            var context = new TaskActivityContext(call.Name, instanceId, generation, call.TaskId, cancellationToken);
            var output = await activity.RunAsync(context, input);
            return new TaskCompleted(call.TaskId, converter.Serialize(output));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            telemetry.ActivityFailures.Add(1, new KeyValuePair<string, object?>("activity", call.Name));
            span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            LogActivityFailed(instanceId, call.Name, call.TaskId, ex.GetType().Name);
            return new TaskFailed(call.TaskId, TaskFailureDetails.FromException(ex));
        }
        finally
        {
            slots.Release();
        }
    }

    public void Dispose() => slots.Dispose();

    // Only the exception type is logged: messages may have been written carelessly with personal data in them.
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Activity {Activity} (task {TaskId}) of {InstanceId} failed with {ErrorType}")]
    private partial void LogActivityFailed(string instanceId, string activity, int taskId, string errorType);
}
