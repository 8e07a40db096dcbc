namespace PeerFlow.Durable;

/// <summary>
/// Why a task failed, as recorded in history. Messages are stored: activities must not put personal data in exception messages.
/// </summary>
public sealed record TaskFailureDetails(string ErrorType, string ErrorMessage, string? StackTrace = null, TaskFailureDetails? Inner = null)
{
    public static TaskFailureDetails FromException(Exception ex) =>
        new(ex.GetType().FullName ?? ex.GetType().Name, ex.Message, ex.StackTrace,
            ex.InnerException is null ? null : FromException(ex.InnerException));

    /// <summary>True when this failure, or one it wraps, was an exception of type <typeparamref name="T"/> or a subtype.</summary>
    public bool IsCausedBy<T>() where T : Exception
    {
        for (var f = this; f is not null; f = f.Inner)
        {
            var type = Type.GetType(f.ErrorType, throwOnError: false)
                ?? AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(f.ErrorType, false)).FirstOrDefault(t => t is not null);
            if (type is not null && typeof(T).IsAssignableFrom(type))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => $"{ErrorType}: {ErrorMessage}";
}

/// <summary>Thrown in the orchestrator when an activity or sub-orchestration it awaited failed.</summary>
public sealed class TaskFailedException : Exception
{
    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failure)
        : base($"Task '{taskName}' (#{taskId}) failed: {failure}")
    {
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failure;
    }

    public TaskFailedException() : this("unknown", -1, new TaskFailureDetails("Unknown", "unknown")) { }

    public TaskFailedException(string message) : base(message)
    {
        TaskName = "unknown";
        FailureDetails = new TaskFailureDetails("Unknown", message);
    }

    public TaskFailedException(string message, Exception inner) : base(message, inner)
    {
        TaskName = "unknown";
        FailureDetails = TaskFailureDetails.FromException(inner);
    }

    public string TaskName { get; }

    public int TaskId { get; }

    public TaskFailureDetails FailureDetails { get; }
}

/// <summary>The orchestrator did something other than what its history says it did on an earlier run.</summary>
public sealed class NonDeterministicOrchestrationException(string message) : Exception(message)
{
    public NonDeterministicOrchestrationException() : this("Non-deterministic orchestration.") { }

    public NonDeterministicOrchestrationException(string message, Exception inner) : this(message + " " + inner.Message) { }
}
