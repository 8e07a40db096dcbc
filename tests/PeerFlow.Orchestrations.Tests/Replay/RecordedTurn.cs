using System.Text.Json.Nodes;
using Google.Protobuf;
using PeerFlow.Domain.Records;
using P = Microsoft.DurableTask.Protobuf;

namespace PeerFlow.Orchestrations.Tests.Replay;

/// <summary>One turn of an orchestration as the engine ran it: what the worker was given and what it answered.</summary>
internal sealed record RecordedTurn(string Orchestrator, string Version, P.OrchestratorRequest Request, P.OrchestratorResponse Response)
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithIndentation());
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    private static readonly System.Text.Json.JsonSerializerOptions Web = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>The stage a lifecycle generation started in (its input).</summary>
    public ReferralStage Stage => System.Text.Json.JsonSerializer.Deserialize<LifecycleState>(Started.Input, Web)!.Stage;

    public string Generation => Request.InstanceId + "/" + Started.OrchestrationInstance?.ExecutionId;

    public int EventCount => Request.PastEvents.Count + Request.NewEvents.Count;

    private P.ExecutionStartedEvent Started => Events.First(e => e.ExecutionStarted is not null).ExecutionStarted;

    private IEnumerable<P.HistoryEvent> Events => Request.PastEvents.Concat(Request.NewEvents);

    /// <summary>
    /// What the turn did, in a form two runs of the same code agree on: the kinds and names of the durable calls in
    /// history and in the answer, with their sequence numbers and timer times. Inputs are left out, so a field added to
    /// a record does not count as a change of shape.
    /// </summary>
    public string Shape => Describe(withTimes: true);

    /// <summary>The shape without timer times: two turns with one outline exercise the same code path.</summary>
    public string Outline => Describe(withTimes: false);

    private string Describe(bool withTimes) => string.Join('\n', [
        .. Events.Select(e => Describe(e, withTimes)).OfType<string>(), "--", .. Response.Actions.Select(a => Describe(a, withTimes))]);

    public static RecordedTurn Of(P.OrchestratorRequest request, P.OrchestratorResponse response)
    {
        var started = request.PastEvents.Concat(request.NewEvents).First(e => e.ExecutionStarted is not null).ExecutionStarted;
        return new RecordedTurn(started.Name, started.Version ?? "", request, response);
    }

    public JsonObject ToJson() => new()
    {
        ["orchestrator"] = Orchestrator,
        ["version"] = Version,
        ["request"] = JsonNode.Parse(Formatter.Format(Request)),
        ["response"] = JsonNode.Parse(Formatter.Format(Response)),
    };

    public static RecordedTurn FromJson(JsonNode json) => new(
        (string)json["orchestrator"]!,
        (string)json["version"]!,
        Parser.Parse<P.OrchestratorRequest>(json["request"]!.ToJsonString()),
        Parser.Parse<P.OrchestratorResponse>(json["response"]!.ToJsonString()));

    public static string Describe(P.OrchestratorAction action, bool withTimes = true) => action.OrchestratorActionTypeCase switch
    {
        P.OrchestratorAction.OrchestratorActionTypeOneofCase.ScheduleTask => $"{action.Id} call {action.ScheduleTask.Name}",
        P.OrchestratorAction.OrchestratorActionTypeOneofCase.CreateTimer => $"{action.Id} timer {(withTimes ? action.CreateTimer.FireAt.ToDateTime().ToString("O") : "")}",
        P.OrchestratorAction.OrchestratorActionTypeOneofCase.CreateSubOrchestration => $"{action.Id} start {action.CreateSubOrchestration.Name}",
        P.OrchestratorAction.OrchestratorActionTypeOneofCase.SendEvent => $"{action.Id} send {action.SendEvent.Name}",
        // The version a new generation takes is left out: moving to the newest version there is the point.
        P.OrchestratorAction.OrchestratorActionTypeOneofCase.CompleteOrchestration =>
            $"{action.Id} end {action.CompleteOrchestration.OrchestrationStatus} {action.CompleteOrchestration.FailureDetails?.ErrorType} {action.CompleteOrchestration.FailureDetails?.ErrorMessage}".TrimEnd(),
        var other => $"{action.Id} {other}",
    };

    private static string? Describe(P.HistoryEvent e, bool withTimes) => e.EventTypeCase switch
    {
        P.HistoryEvent.EventTypeOneofCase.TaskScheduled => $"{e.EventId} called {e.TaskScheduled.Name}",
        P.HistoryEvent.EventTypeOneofCase.TimerCreated => $"{e.EventId} timer {(withTimes ? e.TimerCreated.FireAt.ToDateTime().ToString("O") : "")}",
        P.HistoryEvent.EventTypeOneofCase.TaskCompleted => $"completed {e.TaskCompleted.TaskScheduledId}",
        P.HistoryEvent.EventTypeOneofCase.TaskFailed => $"failed {e.TaskFailed.TaskScheduledId}",
        P.HistoryEvent.EventTypeOneofCase.TimerFired => $"fired {e.TimerFired.TimerId}",
        P.HistoryEvent.EventTypeOneofCase.EventRaised => $"raised {e.EventRaised.Name}",
        P.HistoryEvent.EventTypeOneofCase.SubOrchestrationInstanceCreated => $"{e.EventId} started {e.SubOrchestrationInstanceCreated.Name}",
        P.HistoryEvent.EventTypeOneofCase.EventSent => $"{e.EventId} sent {e.EventSent.Name}",
        _ => null,
    };
}
