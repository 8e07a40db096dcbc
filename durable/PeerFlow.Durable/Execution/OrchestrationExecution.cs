using Microsoft.Extensions.Logging;
using PeerFlow.Durable.History;

namespace PeerFlow.Durable.Execution;

/// <summary>
/// One generation of one instance, alive in memory: replayed once from history, then advanced episode by episode.
/// Workers keep it cached between episodes, so a long history is not replayed at every step.
/// </summary>
internal sealed class OrchestrationExecution
{
    private readonly ITaskOrchestrator orchestrator;
    private readonly DataConverter converter;
    private readonly EpisodeScheduler scheduler = new();
    private readonly ReplayContext context;
    private Task<object?>? run;

    public OrchestrationExecution(string instanceId, int generation, ExecutionStarted started, ITaskOrchestrator orchestrator, DataConverter converter, ILoggerFactory loggerFactory)
    {
        this.orchestrator = orchestrator;
        this.converter = converter;
        Started = started;
        context = new ReplayContext(instanceId, started.Name, started.Version, generation, converter, loggerFactory);
    }

    public ExecutionStarted Started { get; }

    public int EventCount { get; private set; }

    /// <summary>The final action: <see cref="ExecutionCompleted"/> or <see cref="ContinuedAsNew"/>, once the orchestrator returned.</summary>
    public ActionEvent? Final { get; private set; }

    public string? CustomStatus => context.CustomStatus;

    public IReadOnlyDictionary<string, string> Attributes => context.Attributes;

    public IReadOnlyList<EventRaised> UnprocessedEvents => context.UnprocessedEvents;

    public IEnumerable<TaskScheduled> PendingActivities => context.OpenTasks.Select(t => t.Value.Action).OfType<TaskScheduled>();

    public IEnumerable<SubOrchestrationCreated> PendingSubOrchestrations => context.OpenTasks.Select(t => t.Value.Action).OfType<SubOrchestrationCreated>();

    public IEnumerable<TimerCreated> PendingTimers => context.OpenTasks.Select(t => t.Value.Action).OfType<TimerCreated>();

    public bool IsOpen(int taskId) => context.IsOpen(taskId);

    /// <summary>Rebuilds the in-memory state from stored history, checking each recorded action against what the code does now.</summary>
    public void Replay(IEnumerable<HistoryEvent> history)
    {
        context.Replaying = true;
        foreach (var e in history)
        {
            EventCount++;
            if (e is ActionEvent recorded)
            {
                Match(recorded);
            }
            else
            {
                Apply(e);
            }
        }

        if (context.Emitted.TryPeek(out var extra))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestrator: history ends here, but the orchestrator asked to {extra.Describe()}.");
        }
    }

    /// <summary>Applies new events and returns the actions the orchestrator took in response, to be appended after them.</summary>
    public List<ActionEvent> RunEpisode(IReadOnlyList<HistoryEvent> incoming)
    {
        context.Replaying = false;
        foreach (var e in incoming)
        {
            EventCount++;
            Apply(e);
        }

        var actions = new List<ActionEvent>(context.Emitted.Count);
        while (context.Emitted.TryDequeue(out var action))
        {
            actions.Add(action);
        }

        EventCount += actions.Count;
        return actions;
    }

    private void Match(ActionEvent recorded)
    {
        if (!context.Emitted.TryDequeue(out var actual))
        {
            var did = Final is null ? "is waiting" : "has finished";
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestrator: history expects it to {recorded.Describe()}, but it {did}.");
        }

        if (!SameAction(recorded, actual))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestrator: history expects it to {recorded.Describe()}, but it asked to {actual.Describe()}.");
        }
    }

    private static bool SameAction(ActionEvent recorded, ActionEvent actual) => (recorded, actual) switch
    {
        (TaskScheduled a, TaskScheduled b) => a.TaskId == b.TaskId && a.Name == b.Name,
        (SubOrchestrationCreated a, SubOrchestrationCreated b) => a.TaskId == b.TaskId && a.Name == b.Name && a.InstanceId == b.InstanceId,
        (TimerCreated a, TimerCreated b) => a.TaskId == b.TaskId,
        (TimerCancelled a, TimerCancelled b) => a.TaskId == b.TaskId && a.TimerId == b.TimerId,
        (ContinuedAsNew, ContinuedAsNew) => true,
        (ExecutionCompleted a, ExecutionCompleted b) => a.Status == b.Status,
        _ => false,
    };

    private void Apply(HistoryEvent e)
    {
        context.CurrentTime = e.Timestamp;
        switch (e)
        {
            case ExecutionStarted started:
                Start(started);
                break;
            case TaskCompleted c:
                context.Resolve(c.ScheduledId, c);
                break;
            case TaskFailed f:
                context.Resolve(f.ScheduledId, f);
                break;
            case TimerFired t:
                context.Resolve(t.TimerId, t);
                break;
            case SubOrchestrationCompleted c:
                context.Resolve(c.ScheduledId, c);
                break;
            case SubOrchestrationFailed f:
                context.Resolve(f.ScheduledId, f);
                break;
            case EventRaised raised:
                context.Deliver(raised);
                break;
            default:
                return; // suspend, resume and terminate do not reach orchestrator code
        }

        scheduler.Drain();
        CheckFinished();
    }

    private void Start(ExecutionStarted started)
    {
        object? input;
        try
        {
            input = converter.Deserialize(started.Input, orchestrator.InputType);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException)
        {
            run = Task.FromException<object?>(ex);
            return;
        }

        run = Task.Factory.StartNew(() => orchestrator.RunAsync(context, input), CancellationToken.None, TaskCreationOptions.None, scheduler).Unwrap();
    }

    private void CheckFinished()
    {
        if (run is null || !run.IsCompleted || Final is not null)
        {
            return;
        }

        try
        {
            Final = run.Status switch
            {
                TaskStatus.RanToCompletion when context.ContinueAsNewRequest is { } can => new ContinuedAsNew(can.Input, can.Preserve),
                TaskStatus.RanToCompletion => new ExecutionCompleted(OrchestrationRuntimeStatus.Completed, converter.Serialize(run.Result), null),
                _ => new ExecutionCompleted(OrchestrationRuntimeStatus.Failed, null, Failure(run.Exception)),
            };
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException)
        {
            // An output that cannot be stored fails its own instance rather than the worker.
            Final = new ExecutionCompleted(OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(ex));
        }

        Final = Final with { Timestamp = context.CurrentTime };
        context.Emitted.Enqueue(Final);
    }

    private static TaskFailureDetails Failure(AggregateException? error)
    {
        var inner = error?.InnerExceptions.Count == 1 ? error.InnerException! : (Exception?)error ?? new TaskCanceledException();
        return TaskFailureDetails.FromException(inner);
    }
}
