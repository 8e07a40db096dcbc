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
/// Who is acting, for the audit trail: the principal the pipeline signed in for this request (Easy Auth's, or the local
/// development identity). Held per request rather than read through IHttpContextAccessor, which the Functions worker
/// does not flow into a function's code. "system" for work no person started: a signed-in principal always has a
/// name of its own, since <see cref="SignIn.ClientPrincipal"/> signs in nobody without one.
/// </summary>
public sealed class StaffIdentity
{
    public System.Security.Claims.ClaimsPrincipal? Principal { get; set; }

    public string Name => Principal?.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : SignIn.ClientPrincipal.SystemActor;
}
