using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;
using Microsoft.DurableTask.Client;

namespace PeerFlow.Functions.Api;

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
/// Who is acting. Behind App Service Authentication the platform sets the principal's name and strips the header
/// from outside requests; anywhere else nobody is signed in, which is only acceptable for local development.
/// </summary>
public sealed class StaffIdentity(IHttpContextAccessor accessor, IConfiguration configuration)
{
    public string Name
    {
        get
        {
            var behindEasyAuth = Hosting.HostMode.IsFunctionsHost(configuration);
            var header = accessor.HttpContext?.Request.Headers[Web.StaffGuard.PrincipalNameHeader].ToString();
            return behindEasyAuth && !string.IsNullOrEmpty(header) ? header : "local-developer";
        }
    }
}
