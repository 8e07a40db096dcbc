namespace PeerFlow.Durable.Storage.Azure;

/// <summary>
/// Names of a task hub's tables, queue and container. Several hubs can share an account; the hub name is validated
/// so that every derived name is legal (tables: alphanumeric; queues and containers: lower case, at most 63 chars).
/// </summary>
internal sealed class TaskHubNames
{
    private const int MaxLength = 45;

    public TaskHubNames(string taskHub)
    {
        if (string.IsNullOrEmpty(taskHub) || taskHub.Length > MaxLength || !char.IsAsciiLetter(taskHub[0]) || !taskHub.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"Task hub name '{taskHub}' must be 1 to {MaxLength} ASCII letters and digits, starting with a letter.", nameof(taskHub));
        }

        History = taskHub + "History";
        Instances = taskHub + "Instances";
        Timers = taskHub + "Timers";
        Quarantine = taskHub + "Quarantine";
        var lower = taskHub.ToLowerInvariant();
        WorkQueue = lower + "-work";
        Payloads = lower + "-payloads";
    }

    public string History { get; }

    public string Instances { get; }

    public string Timers { get; }

    public string Quarantine { get; }

    public string WorkQueue { get; }

    public string Payloads { get; }
}
