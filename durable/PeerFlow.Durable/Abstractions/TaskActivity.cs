namespace PeerFlow.Durable;

/// <summary>An activity: the place for I/O. It runs at least once, so it must be idempotent on <see cref="TaskActivityContext.IdempotencyKey"/>.</summary>
public interface ITaskActivity
{
    Type InputType { get; }

    Task<object?> RunAsync(TaskActivityContext context, object? input);
}

public abstract class TaskActivity<TInput, TOutput> : ITaskActivity
{
    Type ITaskActivity.InputType => typeof(TInput);

    async Task<object?> ITaskActivity.RunAsync(TaskActivityContext context, object? input)
        => await RunAsync(context, (TInput)input!);

    public abstract Task<TOutput> RunAsync(TaskActivityContext context, TInput input);
}

public sealed class TaskActivityContext
{
    internal TaskActivityContext(string name, string instanceId, int generation, int taskId, CancellationToken cancellationToken)
    {
        Name = name;
        InstanceId = instanceId;
        TaskId = taskId;
        IdempotencyKey = $"{instanceId}:{generation}:{taskId}";
        CancellationToken = cancellationToken;
    }

    public string Name { get; }

    public string InstanceId { get; }

    public int TaskId { get; }

    /// <summary>Stable across retries of the same scheduled call: instance id, generation and task id.</summary>
    public string IdempotencyKey { get; }

    public CancellationToken CancellationToken { get; }
}

internal sealed class FuncActivity<TInput, TOutput>(Func<TaskActivityContext, TInput, Task<TOutput>> run)
    : TaskActivity<TInput, TOutput>
{
    public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => run(context, input);
}
