namespace PeerFlow.LocalEngine.Clock;

/// <summary>
/// A development clock whose workflow time is not real time: the worker's history is mapped through it, so that an
/// orchestration's "now" is workflow time and a replay sees what its first run saw.
/// </summary>
public interface IWorkflowClock
{
    /// <summary>The workflow instant of a real instant; the same answer every time, in every process.</summary>
    DateTime ToWorkflowTime(DateTime realUtc);
}
