using System.Security.Claims;
using PeerFlow.Web.Endpoints;

namespace PeerFlow.Web.SignIn;

/// <summary>The app roles staff are given in Entra ID; their values must match the app registration's exactly.</summary>
public static class StaffRoles
{
    public const string Coordinator = "Coordinator";
    public const string Manager = "Manager";
    public const string Administrator = "Administrator";

    /// <summary>The claim type app roles arrive in (one claim per role), whatever <c>role_typ</c> says.</summary>
    public const string ClaimType = "roles";

    public static IReadOnlyList<string> All { get; } = [Coordinator, Manager, Administrator];

    /// <summary>200 when the principal may call an endpoint for this audience, 401 when nobody is signed in, 403 otherwise.</summary>
    public static int Check(Audience audience, ClaimsPrincipal? principal)
    {
        if (audience == Audience.Public)
        {
            return StatusCodes.Status200OK;
        }

        if (principal?.Identity?.IsAuthenticated != true)
        {
            return StatusCodes.Status401Unauthorized;
        }

        var allowed = audience == Audience.Managers ? [Manager, Administrator] : All;
        return allowed.Any(principal.IsInRole) ? StatusCodes.Status200OK : StatusCodes.Status403Forbidden;
    }
}
