namespace PeerFlow.Durable;

/// <summary>An orchestrator: the deterministic code of one workflow. One object is created per execution.</summary>
/// <remarks>See <see cref="TaskOrchestrationContext"/> for the rules of deterministic code.</remarks>
public interface ITaskOrchestrator
{
    Type InputType { get; }

    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}

public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    Type ITaskOrchestrator.InputType => typeof(TInput);

    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context, object? input)
        => await RunAsync(context, (TInput)input!);

    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);
}

internal sealed class FuncOrchestrator<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> run)
    : TaskOrchestrator<TInput, TOutput>
{
    public override Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input) => run(context, input);
}
