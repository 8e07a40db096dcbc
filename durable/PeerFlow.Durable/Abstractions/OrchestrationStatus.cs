namespace PeerFlow.Durable;

public enum OrchestrationRuntimeStatus
{
    Pending,
    Running,
    Suspended,
    Completed,
    Failed,
    Terminated,
}

public static class OrchestrationRuntimeStatusExtensions
{
    public static bool IsTerminal(this OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
}
