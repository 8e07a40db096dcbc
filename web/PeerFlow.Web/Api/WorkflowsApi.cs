using PeerFlow.Web.Actions;
using PeerFlow.Web.Endpoints;

namespace PeerFlow.Web.Api;

/// <summary>Repairing workflows from the records: one referral's, or every one that is stopped or missing (the operator's command).</summary>
public static class WorkflowsApi
{
    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        new("RestartWorkflow", "POST", "/api/referrals/{id}/workflow/restart", async (string id, WorkflowRepair repair, CancellationToken ct) =>
            (await repair.RestartAsync(id, ct)).ToResult(_ => Results.Accepted($"/api/referrals/{id}")), Audience.Managers)
        {
            Describe = b => b.WithTags("Workflows").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict),
        },
        new("RepairWorkflows", "POST", "/api/operations/repair", async (WorkflowRepair repair, CancellationToken ct) =>
            Results.Ok(new RepairReport(await repair.RepairAllAsync(ct))), Audience.Managers)
        {
            Describe = b => b.WithTags("Workflows").Produces<RepairReport>(),
        },
    ];
}

/// <summary>The referrals whose workflows the repair restarted.</summary>
public sealed record RepairReport(IReadOnlyList<string> Restarted);
