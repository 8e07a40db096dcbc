using PeerFlow.Durable;

namespace PeerFlow.Bench.Scenarios;

/// <summary>
/// The orchestrator whose history the replay scenario replays: 200 activity calls in sequence with small record
/// payloads, and after every 50th an approval wait with a one-hour timeout (a durable timer and an external event),
/// the human-interaction pattern. Driven so that two approvals arrive (timer cancelled) and two time out (timer fired).
/// </summary>
internal sealed class ReplayWorkflow : TaskOrchestrator<string, int>
{
    public const string Name = nameof(ReplayWorkflow);
    public const string Activity = "ProcessStep";
    public const string Approval = "approval";
    public const int Activities = 200;
    public const int ApprovalEvery = 50;
    public static readonly TimeSpan ApprovalTimeout = TimeSpan.FromHours(1);

    public override async Task<int> RunAsync(TaskOrchestrationContext context, string input)
    {
        var approved = 0;
        for (var i = 0; i < Activities; i++)
        {
            var result = await context.CallActivityAsync<StepResult>(Activity, new Step(input, i, "standard"));
            if (result.Index != i)
            {
                throw new InvalidOperationException("The activity returned another step's result.");
            }

            if (i % ApprovalEvery == ApprovalEvery - 1)
            {
                try
                {
                    approved += await context.WaitForExternalEvent<int>(Approval, ApprovalTimeout);
                }
                catch (TimeoutException)
                {
                    // no approval: carry on without it
                }
            }
        }

        return approved;
    }

    internal sealed record Step(string OrderId, int Index, string Tier);

    internal sealed record StepResult(int Index, string Status, decimal Amount);
}
