using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;
using Microsoft.DurableTask.Client;

namespace PeerFlow.Web.Api;

/// <summary>What the API handlers need, bound in one go.</summary>
public sealed record ApiServices(
    PeerFlowStore Store,
    DurableTaskClient Workflows,
    SchemeCatalog Schemes,
    ReferralIntake Intake,
    MatchProposals Proposals,
    TimeProvider Time,
    StaffIdentity Staff)
{
    public DateTime Now => Time.GetUtcNow().UtcDateTime;
}

/// <summary>
/// Who is acting, for the audit trail: the signed-in principal the pipeline put on the request (Easy Auth's, or the
/// local development identity). Nobody, for work no person started.
/// </summary>
public sealed class StaffIdentity(IHttpContextAccessor accessor)
{
    public string Name => accessor.HttpContext?.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : "system";
}
