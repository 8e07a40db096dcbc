namespace PeerFlow.Durable;

public record TaskOptions
{
    public RetryPolicy? Retry { get; init; }

    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new() { Retry = policy };
}

public sealed record SubOrchestrationOptions : TaskOptions
{
    /// <summary>The child's instance id; by default derived from the parent's id, generation and task id.</summary>
    public string? InstanceId { get; init; }

    public string? Version { get; init; }
}

/// <summary>How a failed activity or sub-orchestration is retried; the waits are durable timers.</summary>
public sealed record RetryPolicy
{
    public RetryPolicy(int maxAttempts, TimeSpan firstRetryInterval, double backoffCoefficient = 1.0, TimeSpan? maxRetryInterval = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstRetryInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoffCoefficient, 1.0);
        MaxAttempts = maxAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = maxRetryInterval ?? TimeSpan.FromHours(1);
    }

    public int MaxAttempts { get; }

    public TimeSpan FirstRetryInterval { get; }

    public double BackoffCoefficient { get; }

    public TimeSpan MaxRetryInterval { get; }

    /// <summary>Which failures to retry; all of them when null.</summary>
    public Func<TaskFailureDetails, bool>? Handle { get; init; }

    /// <summary>The wait before retry number <paramref name="retry"/> (1 for the first retry).</summary>
    public TimeSpan DelayBefore(int retry)
    {
        var ms = FirstRetryInterval.TotalMilliseconds * Math.Pow(BackoffCoefficient, retry - 1);
        return TimeSpan.FromMilliseconds(Math.Min(ms, MaxRetryInterval.TotalMilliseconds));
    }
}
