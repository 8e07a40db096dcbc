using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using PeerFlow.Durable.History;

namespace PeerFlow.Durable.Execution;

/// <summary>
/// The orchestration context of one execution. Orchestrator calls become <see cref="ActionEvent"/>s in
/// <see cref="Emitted"/>; completions from history resolve the tasks the orchestrator awaits.
/// </summary>
internal sealed class ReplayContext(
    string instanceId, string name, string version, int generation, DataConverter converter, ILoggerFactory loggerFactory)
    : TaskOrchestrationContext
{
    private readonly Dictionary<int, OpenTask> open = [];
    private readonly Dictionary<string, LinkedList<EventWaiter>> waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<EventRaised> buffered = [];
    private int nextTaskId;
    private int guidCounter;

    public override string InstanceId { get; } = instanceId;

    public override string Name { get; } = name;

    public override string Version { get; } = version;

    public override int Generation { get; } = generation;

    public override DateTime CurrentUtcDateTime => CurrentTime;

    public override bool IsReplaying => Replaying;

    internal DateTime CurrentTime { get; set; }

    internal bool Replaying { get; set; }

    internal Queue<ActionEvent> Emitted { get; } = new();

    internal string? CustomStatus { get; private set; }

    internal Dictionary<string, string> Attributes { get; } = new(StringComparer.Ordinal);

    internal (string? Input, bool Preserve)? ContinueAsNewRequest { get; private set; }

    internal IReadOnlyList<EventRaised> UnprocessedEvents => buffered;

    internal IEnumerable<KeyValuePair<int, OpenTask>> OpenTasks => open;

    internal bool IsOpen(int taskId) => open.ContainsKey(taskId);

    public override Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
    {
        var json = converter.Serialize(input);
        return WithRetry<TResult>(options?.Retry, () => Schedule(new TaskScheduled(name, json) { TaskId = nextTaskId++ }, name));
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(string name, object? input = null, SubOrchestrationOptions? options = null)
    {
        if (options?.Retry is not null && options.InstanceId is not null)
        {
            throw new ArgumentException("A retried sub-orchestration needs a fresh instance id per attempt: leave InstanceId unset.", nameof(options));
        }

        var json = converter.Serialize(input);
        return WithRetry<TResult>(options?.Retry, () =>
        {
            var taskId = nextTaskId++;
            var childId = options?.InstanceId ?? $"{InstanceId}:{Generation}:{taskId}";
            return Schedule(new SubOrchestrationCreated(name, options?.Version, childId, json) { TaskId = taskId }, name);
        });
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        var utc = fireAt.Kind == DateTimeKind.Local ? fireAt.ToUniversalTime() : DateTime.SpecifyKind(fireAt, DateTimeKind.Utc);
        var timer = new TimerCreated(utc) { TaskId = nextTaskId++, Timestamp = CurrentTime };
        var task = new OpenTask(timer, "timer");
        open.Add(timer.TaskId, task);
        Emitted.Enqueue(timer);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() => CancelTimer(timer.TaskId));
        }

        return task.Completion.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        var index = buffered.FindIndex(e => string.Equals(e.Name, eventName, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            var raised = buffered[index];
            buffered.RemoveAt(index);
            return Task.FromResult(converter.Deserialize<T>(raised.Input)!);
        }

        var waiter = new EventWaiter();
        if (!waiters.TryGetValue(eventName, out var list))
        {
            waiters[eventName] = list = new LinkedList<EventWaiter>();
        }

        var node = list.AddLast(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (node.List is not null)
                {
                    list.Remove(node);
                    waiter.Completion.TrySetCanceled(cancellationToken);
                }
            });
        }

        return Convert<T>(waiter.Completion.Task);
    }

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        ContinueAsNewRequest = (converter.Serialize(newInput), preserveUnprocessedEvents);

    public override void SetCustomStatus(object? customStatus) => CustomStatus = converter.Serialize(customStatus);

    public override void SetAttribute(string name, string? value)
    {
        if (!AttributeNames.IsValid(name))
        {
            throw new ArgumentException($"Attribute name '{name}' must be 1-32 letters or digits, starting with a letter.", nameof(name));
        }

        if (value is null)
        {
            Attributes.Remove(name);
        }
        else
        {
            Attributes[name] = value;
        }
    }

    public override Guid NewGuid()
    {
        // Name-based (hashed from instance, generation and a counter) so that every replay produces the same sequence.
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{InstanceId}:{Generation}:{guidCounter++}"));
        var guid = bytes.AsSpan(0, 16).ToArray();
        guid[6] = (byte)((guid[6] & 0x0F) | 0x50);
        guid[8] = (byte)((guid[8] & 0x3F) | 0x80);
        return new Guid(guid, bigEndian: true);
    }

    public override ILogger CreateReplaySafeLogger(string categoryName) => new ReplaySafeLogger(this, loggerFactory.CreateLogger(categoryName));

    /// <summary>Resolves the task a completion event belongs to. Unknown or already-closed ids are ignored: duplicates are harmless.</summary>
    internal void Resolve(int taskId, HistoryEvent completion)
    {
        if (!open.Remove(taskId, out var task))
        {
            return;
        }

        switch (completion)
        {
            case TaskCompleted c:
                task.Completion.TrySetResult(c.Result);
                break;
            case SubOrchestrationCompleted c:
                task.Completion.TrySetResult(c.Result);
                break;
            case TaskFailed f:
                task.Completion.TrySetException(new TaskFailedException(task.Name, taskId, f.Failure));
                break;
            case SubOrchestrationFailed f:
                task.Completion.TrySetException(new TaskFailedException(task.Name, taskId, f.Failure));
                break;
            case TimerFired:
                task.Completion.TrySetResult(null);
                break;
        }
    }

    internal void Deliver(EventRaised raised)
    {
        if (waiters.TryGetValue(raised.Name, out var list) && list.First is { } first)
        {
            list.RemoveFirst();
            first.Value.Completion.TrySetResult(raised.Input);
        }
        else
        {
            buffered.Add(raised);
        }
    }

    private Task<string?> Schedule(ActionEvent action, string name)
    {
        var task = new OpenTask(action with { Timestamp = CurrentTime }, name);
        open.Add(action.TaskId, task);
        Emitted.Enqueue(task.Action);
        return task.Completion.Task;
    }

    private async Task<TResult> WithRetry<TResult>(RetryPolicy? policy, Func<Task<string?>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return converter.Deserialize<TResult>(await call())!;
            }
            catch (TaskFailedException ex) when (policy is not null && attempt < policy.MaxAttempts && (policy.Handle?.Invoke(ex.FailureDetails) ?? true))
            {
                await CreateTimer(CurrentTime.Add(policy.DelayBefore(attempt)), CancellationToken.None);
            }
        }
    }

    private async Task<T> Convert<T>(Task<string?> raw) => converter.Deserialize<T>(await raw)!;

    private void CancelTimer(int timerId)
    {
        if (open.Remove(timerId, out var task))
        {
            Emitted.Enqueue(new TimerCancelled(timerId) { TaskId = nextTaskId++, Timestamp = CurrentTime });
            task.Completion.TrySetCanceled();
        }
    }

    internal sealed class OpenTask(ActionEvent action, string name)
    {
        public ActionEvent Action { get; } = action;

        public string Name { get; } = name;

        public TaskCompletionSource<string?> Completion { get; } = new();
    }

    private sealed class EventWaiter
    {
        public TaskCompletionSource<string?> Completion { get; } = new();
    }
}
