using System.Text.Json.Serialization;

namespace PeerFlow.Durable.History;

/// <summary>
/// One entry of an instance's event-sourced history. Payloads are JSON text written by the data converter; they
/// carry ids, never personal data. Events appended in one episode share its <see cref="Timestamp"/>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$t")]
[JsonDerivedType(typeof(ExecutionStarted), "start")]
[JsonDerivedType(typeof(TaskScheduled), "call")]
[JsonDerivedType(typeof(TaskCompleted), "done")]
[JsonDerivedType(typeof(TaskFailed), "fail")]
[JsonDerivedType(typeof(TimerCreated), "timer")]
[JsonDerivedType(typeof(TimerFired), "fired")]
[JsonDerivedType(typeof(TimerCancelled), "cancel")]
[JsonDerivedType(typeof(SubOrchestrationCreated), "sub")]
[JsonDerivedType(typeof(SubOrchestrationCompleted), "subdone")]
[JsonDerivedType(typeof(SubOrchestrationFailed), "subfail")]
[JsonDerivedType(typeof(EventRaised), "event")]
[JsonDerivedType(typeof(ContinuedAsNew), "continue")]
[JsonDerivedType(typeof(ExecutionCompleted), "end")]
[JsonDerivedType(typeof(ExecutionTerminated), "terminate")]
[JsonDerivedType(typeof(ExecutionSuspended), "suspend")]
[JsonDerivedType(typeof(ExecutionResumed), "resume")]
public abstract record HistoryEvent
{
    [JsonPropertyName("ts")]
    public DateTime Timestamp { get; init; }
}

/// <summary>An event the orchestrator itself caused; on replay it must cause the same one again.</summary>
public abstract record ActionEvent : HistoryEvent
{
    [JsonPropertyName("id")]
    public int TaskId { get; init; }

    /// <summary>How a non-determinism message names this action.</summary>
    public abstract string Describe();
}

public sealed record ExecutionStarted(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("ver")] string Version,
    [property: JsonPropertyName("in")] string? Input,
    [property: JsonPropertyName("parent")] ParentLink? Parent = null) : HistoryEvent;

public sealed record ParentLink(
    [property: JsonPropertyName("id")] string InstanceId,
    [property: JsonPropertyName("gen")] int Generation,
    [property: JsonPropertyName("task")] int TaskId);

public sealed record TaskScheduled([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("in")] string? Input) : ActionEvent
{
    public override string Describe() => $"call activity '{Name}' (task {TaskId})";
}

public sealed record TaskCompleted([property: JsonPropertyName("task")] int ScheduledId, [property: JsonPropertyName("out")] string? Result) : HistoryEvent;

public sealed record TaskFailed([property: JsonPropertyName("task")] int ScheduledId, [property: JsonPropertyName("err")] TaskFailureDetails Failure) : HistoryEvent;

public sealed record TimerCreated([property: JsonPropertyName("at")] DateTime FireAt) : ActionEvent
{
    public override string Describe() => $"timer (task {TaskId})";
}

public sealed record TimerFired([property: JsonPropertyName("task")] int TimerId, [property: JsonPropertyName("at")] DateTime FireAt) : HistoryEvent;

public sealed record TimerCancelled([property: JsonPropertyName("task")] int TimerId) : ActionEvent
{
    public override string Describe() => $"cancel timer {TimerId} (task {TaskId})";
}

public sealed record SubOrchestrationCreated(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("ver")] string? Version,
    [property: JsonPropertyName("child")] string InstanceId,
    [property: JsonPropertyName("in")] string? Input) : ActionEvent
{
    public override string Describe() => $"call sub-orchestration '{Name}' (task {TaskId})";
}

public sealed record SubOrchestrationCompleted([property: JsonPropertyName("task")] int ScheduledId, [property: JsonPropertyName("out")] string? Result) : HistoryEvent;

public sealed record SubOrchestrationFailed([property: JsonPropertyName("task")] int ScheduledId, [property: JsonPropertyName("err")] TaskFailureDetails Failure) : HistoryEvent;

public sealed record EventRaised([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("in")] string? Input) : HistoryEvent;

public sealed record ContinuedAsNew([property: JsonPropertyName("in")] string? Input, [property: JsonPropertyName("keep")] bool PreserveUnprocessedEvents) : ActionEvent
{
    public override string Describe() => "continue as new";
}

public sealed record ExecutionCompleted(
    [property: JsonPropertyName("status")] OrchestrationRuntimeStatus Status,
    [property: JsonPropertyName("out")] string? Output,
    [property: JsonPropertyName("err")] TaskFailureDetails? Failure) : ActionEvent
{
    public override string Describe() => Status == OrchestrationRuntimeStatus.Completed ? "complete" : "fail";
}

public sealed record ExecutionTerminated([property: JsonPropertyName("reason")] string? Reason) : HistoryEvent;

public sealed record ExecutionSuspended([property: JsonPropertyName("reason")] string? Reason) : HistoryEvent;

public sealed record ExecutionResumed([property: JsonPropertyName("reason")] string? Reason) : HistoryEvent;
