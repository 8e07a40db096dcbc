using System.Security.Claims;

namespace PeerFlow.Web.SignIn;

/// <summary>Who is calling. Each host says how it knows: Easy Auth's header in Azure, a development identity locally.</summary>
public interface IStaffSignIn
{
    ClaimsPrincipal? Authenticate(HttpContext http);
}

/// <summary>Behind App Service Authentication: the principal the platform put in <see cref="ClientPrincipal.Header"/>.</summary>
public sealed class EasyAuthSignIn : IStaffSignIn
{
    public ClaimsPrincipal? Authenticate(HttpContext http) => ClientPrincipal.Decode(http.Request.Headers[ClientPrincipal.Header]);
}

/// <summary>
/// Local development: everyone is one named developer with the configured roles. It must never face real data, so the
/// local host refuses to start it against anything but Azurite (see <see cref="DevelopmentIdentity"/>).
/// </summary>
public sealed class DevelopmentSignIn(DevelopmentIdentity identity) : IStaffSignIn
{
    private readonly ClaimsPrincipal principal = ClientPrincipal.Decode(ClientPrincipal.Encode(identity.Name, identity.Roles))
        ?? throw new InvalidOperationException($"PEERFLOW_DEV_IDENTITY's name must be plain text of at most {ClientPrincipal.MaxNameLength} characters, and not \"{ClientPrincipal.SystemActor}\".");

    public ClaimsPrincipal? Authenticate(HttpContext http) => principal;
}

public sealed record DevelopmentIdentity(string Name, IReadOnlyList<string> Roles)
{
    private static readonly string[] StorageEndpoints = ["BlobEndpoint", "QueueEndpoint", "TableEndpoint"];

    /// <summary>
    /// The identity from PEERFLOW_DEV_IDENTITY ("name" or "name:Role,Role"; all roles when none are named), after
    /// checking that the storage is Azurite. Anything else could be real people's records.
    /// </summary>
    public static DevelopmentIdentity FromConfiguration(IConfiguration configuration, string? storageConnectionString)
    {
        if (!IsAzurite(storageConnectionString))
        {
            throw new InvalidOperationException(
                "The development identity signs everyone in without a password, so it only runs against Azurite "
                + "(PEERFLOW_STORAGE pointing at 127.0.0.1/localhost or UseDevelopmentStorage=true). Deploy to Azure for real data.");
        }

        var setting = configuration["PEERFLOW_DEV_IDENTITY"] is { Length: > 0 } given ? given : "local-developer";
        var (name, roles) = setting.Split(':', 2) is [var n, var r] ? (n, r) : (setting, "");
        var chosen = roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = chosen.Where(r => !StaffRoles.All.Contains(r, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"PEERFLOW_DEV_IDENTITY names unknown roles ({string.Join(", ", unknown)}); use {string.Join(", ", StaffRoles.All)}.");
        }

        return new DevelopmentIdentity(name.Trim(), chosen.Length == 0 ? StaffRoles.All : chosen);
    }

    public static bool IsAzurite(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return false;
        }

        if (connectionString.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // Every service must be on this machine: one real endpoint (or an EndpointSuffix) would reach real data.
        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last()[1].Trim(), StringComparer.OrdinalIgnoreCase);
        if (parts.ContainsKey("EndpointSuffix"))
        {
            return false;
        }

        var endpoints = StorageEndpoints
            .Select(k => parts.TryGetValue(k, out var value) && Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null)
            .ToList();
        return endpoints.All(u => u is not null && (u.IsLoopback || u.Host == "localhost"));
    }
}
