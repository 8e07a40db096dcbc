using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PeerFlow.Web.SignIn;

/// <summary>
/// The signed-in person as App Service Authentication (Easy Auth) describes them in <c>X-MS-CLIENT-PRINCIPAL</c>:
/// base64 JSON with the identity provider's claims. The platform sets the header and strips it from outside requests,
/// so it is trusted only behind Easy Auth. A bare <c>X-MS-CLIENT-PRINCIPAL-NAME</c> is not an identity.
/// </summary>
public static class ClientPrincipal
{
    public const string Header = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>The principal, or null when the header is absent, not base64, not the expected JSON, or has no claims.</summary>
    public static ClaimsPrincipal? Decode(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Length > 64 * 1024)
        {
            return null;
        }

        Payload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<Payload>(Encoding.UTF8.GetString(Convert.FromBase64String(header.Trim())));
        }
        catch (Exception ex) when (ex is FormatException or JsonException or DecoderFallbackException)
        {
            return null;
        }

        if (payload?.Claims is not { Count: > 0 } claims || string.IsNullOrEmpty(payload.AuthenticationType))
        {
            return null;
        }

        var nameType = string.IsNullOrEmpty(payload.NameType) ? ClaimTypes.Name : payload.NameType;
        var identity = new ClaimsIdentity(payload.AuthenticationType, nameType, StaffRoles.ClaimType);
        foreach (var claim in claims.Where(c => !string.IsNullOrEmpty(c.Type) && c.Value is not null))
        {
            // App roles come as "roles" claims; a provider that uses role_typ instead is read the same way.
            var type = claim.Type == payload.RoleType ? StaffRoles.ClaimType : claim.Type!;
            identity.AddClaim(new Claim(type, claim.Value!));
        }

        return new ClaimsPrincipal(identity);
    }

    /// <summary>The header's value for a principal: what Easy Auth would send (for tests and the development identity).</summary>
    public static string Encode(string name, IEnumerable<string> roles)
    {
        var claims = new List<PayloadClaim> { new() { Type = "name", Value = name }, new() { Type = "preferred_username", Value = name } };
        claims.AddRange(roles.Select(r => new PayloadClaim { Type = StaffRoles.ClaimType, Value = r }));
        var payload = new Payload { AuthenticationType = "aad", Claims = claims, NameType = "name", RoleType = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role" };
        return Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(payload));
    }

    private sealed class Payload
    {
        [JsonPropertyName("auth_typ")]
        public string? AuthenticationType { get; set; }

        [JsonPropertyName("claims")]
        public List<PayloadClaim>? Claims { get; set; }

        [JsonPropertyName("name_typ")]
        public string? NameType { get; set; }

        [JsonPropertyName("role_typ")]
        public string? RoleType { get; set; }
    }

    private sealed class PayloadClaim
    {
        [JsonPropertyName("typ")]
        public string? Type { get; set; }

        [JsonPropertyName("val")]
        public string? Value { get; set; }
    }
}
