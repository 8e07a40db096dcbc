using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PeerFlow.Durable.Execution;
using PeerFlow.Durable.History;
using PeerFlow.Durable.Storage;
using PeerFlow.Durable.Telemetry;

namespace PeerFlow.Durable.Worker;

/// <summary>
/// Advances one instance as far as it can go now: load, run an episode, commit it atomically, dispatch its effects,
/// run its activities, and again with their results, until the instance waits for time or the outside world.
/// </summary>
/// <remarks>
/// Nothing is lost if the worker dies at any point: everything before the commit is redone from storage, and
/// everything after it is idempotent and repeated by recovery when the unfinished wake-up is delivered again.
/// </remarks>
internal sealed partial class OrchestrationProcessor(
    IInstanceStore store,
    DurableRegistry registry,
    IServiceProvider services,
    Dispatcher dispatcher,
    ActivityRunner activities,
    DataConverter converter,
    DurableTelemetry telemetry,
    TimeProvider time,
    IOptions<DurableOptions> options,
    ILoggerFactory loggerFactory)
{
    /// <summary>Inbox rows consumed per episode, leaving room in the 100-operation transaction.</summary>
    private const int MaxInboxPerEpisode = 80;

    private readonly ExecutionCache cache = new(options.Value.ExecutionCacheSize);
    private readonly ILogger logger = loggerFactory.CreateLogger<OrchestrationProcessor>();

    /// <param name="recovery">The wake-up was delivered before: a worker may have died after a commit, so repeat its effects.</param>
    public async Task<ProcessResult> ProcessAsync(string instanceId, bool recovery, CancellationToken cancellationToken)
    {
        var results = new List<(int Generation, HistoryEvent Outcome)>();
        var committed = false;
        var redelivered = recovery;

        // After our own commit the state is known exactly, so the next round needs no read: anything sent to the
        // instance meanwhile has a wake-up of its own, and a stale view could not commit past the ETag anyway.
        Loaded? known = null;
        while (true)
        {
            var loaded = known ?? await LoadAsync(instanceId, cancellationToken);
            known = null;
            if (loaded is null)
            {
                return ProcessResult.Missing;
            }

            var state = loaded.State;
            if (state.Status.IsTerminal())
            {
                if (recovery)
                {
                    await dispatcher.NotifyParentAsync(state, cancellationToken);
                    await store.DeleteOldGenerationsAsync(instanceId, state.Generation, cancellationToken);
                }

                if (committed || redelivered)
                {
                    await store.UpsertIndexAsync(state, cancellationToken);
                }

                return new ProcessResult(true, state.Status, null);
            }

            var now = time.GetUtcNow().UtcDateTime;
            var (incoming, consumed, tookResults) = Collect(loaded, results, now);
            if (incoming.Count == 0)
            {
                if (recovery && loaded.Execution is { } execution)
                {
                    recovery = false;
                    var redone = await RecoverAsync(state, execution, cancellationToken);
                    results.AddRange(redone.Select(r => (state.Generation, r)));
                    if (redone.Length > 0)
                    {
                        continue;
                    }
                }

                await StashAsync(loaded, results, cancellationToken);
                if (committed || redelivered)
                {
                    await store.UpsertIndexAsync(state, cancellationToken);
                }

                return new ProcessResult(true, state.Status, state.NextTimerAt);
            }

            var started = Stopwatch.GetTimestamp();
            var episode = RunEpisode(loaded, incoming, consumed, now);
            var etag = await store.TryCommitAsync(episode.Commit, cancellationToken);
            if (etag is null)
            {
                // Another worker moved the instance on; its history is the truth. Reload and try again.
                cache.Remove(instanceId);
                telemetry.Conflicts.Add(1);
                continue;
            }

            committed = true;
            if (tookResults)
            {
                results.Clear();
            }

            var newState = episode.Commit.State with { ETag = etag };
            var live = episode.Execution is { } advanced && !newState.Status.IsTerminal() && newState.Generation == state.Generation ? advanced : null;
            if (live is not null)
            {
                cache.Put(instanceId, etag, live);
            }
            else
            {
                cache.Remove(instanceId);
            }

            telemetry.StepLatency.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("orchestration", state.Name));
            Observe(state, newState, incoming);
            var ran = await DispatchAsync(newState, state.Generation, episode.Actions, cancellationToken);
            results.AddRange(ran.Select(r => (state.Generation, r)));
            // Inbox rows left unconsumed (kept while suspended, or beyond one episode's share) need a fresh read.
            known = loaded.Inbox.Count > consumed.Count ? null : new Loaded(newState, live, [], null);
        }
    }

    /// <summary>Drops the cached execution, e.g. after an engine error, so the next attempt replays from storage.</summary>
    public void Forget(string instanceId) => cache.Remove(instanceId);

    private async Task<Loaded?> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var cached = cache.Get(instanceId);
        var snapshot = await store.LoadAsync(instanceId, cached?.ETag, cancellationToken);
        if (snapshot is null)
        {
            cache.Remove(instanceId);
            return null;
        }

        var state = snapshot.State;
        if (snapshot.History is null && cached is not null)
        {
            return new Loaded(state, cached.Execution, snapshot.Inbox, null);
        }

        cache.Remove(instanceId);
        if (state.Status.IsTerminal() || state.Episodes == 0 || snapshot.History is not { Count: > 0 } history)
        {
            return new Loaded(state, null, snapshot.Inbox, null);
        }

        var started = (ExecutionStarted)history[0];
        var orchestrator = registry.CreateOrchestrator(state.Name, state.Version, services);
        if (orchestrator is null)
        {
            return new Loaded(state, null, snapshot.Inbox, NotRegistered(state));
        }

        var execution = new OrchestrationExecution(instanceId, state.Generation, started, orchestrator, converter, loggerFactory);
        try
        {
            execution.Replay(history);
            return new Loaded(state, execution, snapshot.Inbox, null);
        }
        catch (NonDeterministicOrchestrationException ex)
        {
            LogNonDeterministic(instanceId, state.Name);
            return new Loaded(state, null, snapshot.Inbox, TaskFailureDetails.FromException(ex));
        }
    }

    /// <summary>The new events of this episode, in the order they will be recorded, and the inbox rows they came from.</summary>
    private static (List<HistoryEvent> Events, List<string> Consumed, bool TookResults) Collect(Loaded loaded, List<(int Generation, HistoryEvent Outcome)> results, DateTime now)
    {
        var state = loaded.State;
        var events = new List<HistoryEvent>();
        var consumed = new List<string>();
        if (state.Episodes == 0)
        {
            events.Add(new ExecutionStarted(state.Name, state.Version, state.Input, state.Parent) { Timestamp = now });
            events.AddRange(state.Carried.Select(e => e with { Timestamp = now }));
        }

        var suspended = state.Status == OrchestrationRuntimeStatus.Suspended;
        foreach (var message in loaded.Inbox)
        {
            if (consumed.Count == MaxInboxPerEpisode)
            {
                break;
            }

            if (suspended && message.Kind is not (InboxKind.Resume or InboxKind.Terminate))
            {
                continue; // kept in the inbox until the instance is resumed
            }

            consumed.Add(message.Id);
            var e = ToEvent(message, loaded, now);
            if (e is null)
            {
                continue;
            }

            events.Add(e);
            suspended = e is ExecutionSuspended || (suspended && e is not ExecutionResumed);
            if (e is ExecutionTerminated)
            {
                return (events, consumed, true);
            }
        }

        if (suspended)
        {
            return (events, consumed, false);
        }

        foreach (var (generation, outcome) in results)
        {
            var taskId = outcome switch { TaskCompleted c => c.ScheduledId, TaskFailed f => f.ScheduledId, _ => -1 };
            if (generation == state.Generation && loaded.Execution?.IsOpen(taskId) == true)
            {
                events.Add(outcome with { Timestamp = now });
            }
        }

        if (loaded.Execution is { } execution)
        {
            events.AddRange(execution.PendingTimers
                .Where(t => t.FireAt <= now)
                .OrderBy(t => t.FireAt).ThenBy(t => t.TaskId)
                .Select(t => new TimerFired(t.TaskId, t.FireAt) { Timestamp = now }));
        }

        return (events, consumed, true);
    }

    private static HistoryEvent? ToEvent(InboxMessage message, Loaded loaded, DateTime now)
    {
        var forThisGeneration = message.Generation == loaded.State.Generation && loaded.Execution?.IsOpen(message.TaskId) == true;
        HistoryEvent? e = message.Kind switch
        {
            InboxKind.Event => new EventRaised(message.Name ?? string.Empty, message.Payload),
            InboxKind.Terminate => new ExecutionTerminated(message.Name),
            InboxKind.Suspend when loaded.State.Status != OrchestrationRuntimeStatus.Suspended => new ExecutionSuspended(message.Name),
            InboxKind.Resume when loaded.State.Status == OrchestrationRuntimeStatus.Suspended => new ExecutionResumed(message.Name),
            InboxKind.TaskCompleted when forThisGeneration => new TaskCompleted(message.TaskId, message.Payload),
            InboxKind.TaskFailed when forThisGeneration => new TaskFailed(message.TaskId, message.Failure!),
            InboxKind.SubOrchestrationCompleted when forThisGeneration => new SubOrchestrationCompleted(message.TaskId, message.Payload),
            InboxKind.SubOrchestrationFailed when forThisGeneration => new SubOrchestrationFailed(message.TaskId, message.Failure!),
            _ => null, // stale or duplicate: consumed without effect
        };
        return e is null ? null : e with { Timestamp = now };
    }

    private Episode RunEpisode(Loaded loaded, List<HistoryEvent> incoming, List<string> consumed, DateTime now)
    {
        var state = loaded.State;
        var execution = loaded.Execution;
        var events = new List<HistoryEvent>(incoming);
        var actions = new List<ActionEvent>();
        var failure = loaded.Failure;
        var status = state.Status == OrchestrationRuntimeStatus.Pending ? OrchestrationRuntimeStatus.Running : state.Status;
        var terminated = incoming.OfType<ExecutionTerminated>().FirstOrDefault();
        foreach (var e in incoming)
        {
            status = e switch
            {
                ExecutionSuspended => OrchestrationRuntimeStatus.Suspended,
                ExecutionResumed => OrchestrationRuntimeStatus.Running,
                _ => status,
            };
        }

        if (terminated is null && failure is null && (execution is not null || incoming[0] is ExecutionStarted))
        {
            if (execution is null)
            {
                var orchestrator = registry.CreateOrchestrator(state.Name, state.Version, services);
                if (orchestrator is null)
                {
                    failure = NotRegistered(state);
                }
                else
                {
                    execution = new OrchestrationExecution(state.InstanceId, state.Generation, (ExecutionStarted)incoming[0], orchestrator, converter, loggerFactory);
                }
            }

            if (execution is not null)
            {
                actions = execution.RunEpisode(incoming);
            }
        }

        if (failure is not null && terminated is null)
        {
            actions.Add(new ExecutionCompleted(OrchestrationRuntimeStatus.Failed, null, failure) { Timestamp = now });
        }

        events.AddRange(actions);
        var final = actions.LastOrDefault(a => a is ExecutionCompleted or ContinuedAsNew);
        var next = state with
        {
            Status = terminated is not null ? OrchestrationRuntimeStatus.Terminated : status,
            Episodes = state.Episodes + 1,
            UpdatedAt = now,
            CustomStatus = execution?.CustomStatus ?? state.CustomStatus,
            Attributes = execution is null ? state.Attributes : new Dictionary<string, string>(execution.Attributes, StringComparer.Ordinal),
            Carried = [],
            NextTimerAt = execution?.PendingTimers.Select(t => (DateTime?)t.FireAt).Min(),
        };
        next = (final, terminated) switch
        {
            (_, not null) => next with
            {
                CompletedAt = now,
                NextTimerAt = null,
                Failure = new TaskFailureDetails("Terminated", terminated.Reason ?? "The instance was terminated."),
            },
            (ExecutionCompleted done, _) => next with
            {
                Status = done.Status,
                Output = done.Output,
                Failure = done.Failure,
                CompletedAt = now,
                NextTimerAt = null,
            },
            (ContinuedAsNew can, _) => next with
            {
                Generation = state.Generation + 1,
                Episodes = 0,
                Input = can.Input,
                NextTimerAt = null,
                Carried = can.PreserveUnprocessedEvents && execution is not null ? [.. execution.UnprocessedEvents] : [],
            },
            _ => next,
        };

        return new Episode(new EpisodeCommit(next, state.Generation, state.Episodes, events, consumed), actions, execution);
    }

    /// <summary>Effects of a committed episode; returns the outcomes of the activities it scheduled.</summary>
    private async Task<HistoryEvent[]> DispatchAsync(InstanceRecord state, int generation, List<ActionEvent> actions, CancellationToken cancellationToken)
    {
        var cancelled = actions.OfType<TimerCancelled>().Select(c => c.TimerId).ToHashSet();
        foreach (var action in actions)
        {
            switch (action)
            {
                case TimerCreated timer when !cancelled.Contains(timer.TaskId) && !state.Status.IsTerminal():
                    await dispatcher.ScheduleTimerAsync(state.InstanceId, generation, timer, cancellationToken);
                    break;
                case SubOrchestrationCreated call:
                    await dispatcher.StartChildAsync(state.InstanceId, generation, call, cancellationToken);
                    break;
            }
        }

        if (state.Status.IsTerminal())
        {
            await dispatcher.NotifyParentAsync(state, cancellationToken);
            return [];
        }

        if (state.Generation != generation)
        {
            await store.DeleteOldGenerationsAsync(state.InstanceId, state.Generation, cancellationToken);
            return [];
        }

        if (state.Status == OrchestrationRuntimeStatus.Suspended)
        {
            return [];
        }

        var calls = actions.OfType<TaskScheduled>().ToList();
        return calls.Count == 0 ? [] : await activities.RunAllAsync(state.InstanceId, generation, calls, cancellationToken);
    }

    /// <summary>Results that arrived while the instance was suspended wait in its inbox for the resume.</summary>
    private async Task StashAsync(Loaded loaded, List<(int Generation, HistoryEvent Outcome)> results, CancellationToken cancellationToken)
    {
        foreach (var (generation, outcome) in results)
        {
            var (taskId, failure, payload) = outcome switch
            {
                TaskCompleted c => (c.ScheduledId, (TaskFailureDetails?)null, c.Result),
                TaskFailed f => (f.ScheduledId, f.Failure, null),
                _ => (-1, null, null),
            };
            if (generation != loaded.State.Generation || loaded.Execution?.IsOpen(taskId) != true)
            {
                continue;
            }

            await store.AddInboxAsync(loaded.State.InstanceId, new InboxMessage
            {
                Id = $"task-{generation}-{taskId}",
                Sequence = time.GetUtcNow().UtcTicks,
                Kind = failure is null ? InboxKind.TaskCompleted : InboxKind.TaskFailed,
                TaskId = taskId,
                Generation = generation,
                Payload = payload,
                Failure = failure,
            }, cancellationToken);
        }

        results.Clear();
    }

    /// <summary>Repeats the effects a dead worker may not have finished: wake-ups, children, activities.</summary>
    private async Task<HistoryEvent[]> RecoverAsync(InstanceRecord state, OrchestrationExecution execution, CancellationToken cancellationToken)
    {
        foreach (var timer in execution.PendingTimers)
        {
            await dispatcher.ScheduleTimerAsync(state.InstanceId, state.Generation, timer, cancellationToken);
        }

        foreach (var call in execution.PendingSubOrchestrations)
        {
            await dispatcher.StartChildAsync(state.InstanceId, state.Generation, call, cancellationToken);
        }

        await store.DeleteOldGenerationsAsync(state.InstanceId, state.Generation, cancellationToken);
        if (state.Status == OrchestrationRuntimeStatus.Suspended)
        {
            return [];
        }

        return await activities.RunAllAsync(state.InstanceId, state.Generation, execution.PendingActivities.ToList(), cancellationToken);
    }

    private void Observe(InstanceRecord before, InstanceRecord after, List<HistoryEvent> incoming)
    {
        var tags = new KeyValuePair<string, object?>("orchestration", after.Name);
        if (before.Status == OrchestrationRuntimeStatus.Pending && before.Generation == 0)
        {
            telemetry.Started.Add(1, tags);
        }

        foreach (var fired in incoming.OfType<TimerFired>())
        {
            telemetry.TimerLateness.Record((fired.Timestamp - fired.FireAt).TotalMilliseconds, tags);
        }

        if (after.Status == OrchestrationRuntimeStatus.Completed)
        {
            telemetry.Completed.Add(1, tags);
        }
        else if (after.Status == OrchestrationRuntimeStatus.Failed)
        {
            telemetry.Failed.Add(1, tags);
            LogFailed(after.InstanceId, after.Name, after.Failure?.ErrorType);
        }
    }

    private static TaskFailureDetails NotRegistered(InstanceRecord state) =>
        new("OrchestratorNotFound", $"No orchestrator named '{state.Name}' (version '{state.Version}') is registered.");

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Instance {InstanceId} of {Orchestration} no longer replays its history and is being failed")]
    private partial void LogNonDeterministic(string instanceId, string orchestration);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Instance {InstanceId} of {Orchestration} failed with {ErrorType}")]
    private partial void LogFailed(string instanceId, string orchestration, string? errorType);

    private sealed record Loaded(InstanceRecord State, OrchestrationExecution? Execution, IReadOnlyList<InboxMessage> Inbox, TaskFailureDetails? Failure);

    private sealed record Episode(EpisodeCommit Commit, List<ActionEvent> Actions, OrchestrationExecution? Execution);
}
