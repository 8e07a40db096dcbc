using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using PeerFlow.Domain.Text;

namespace PeerFlow.Web.SignIn;

/// <summary>
/// The signed-in person as App Service Authentication (Easy Auth) describes them in <c>X-MS-CLIENT-PRINCIPAL</c>:
/// base64 JSON with the identity provider's claims. The platform sets the header and strips it from outside requests,
/// so it is trusted only behind Easy Auth. A bare <c>X-MS-CLIENT-PRINCIPAL-NAME</c> is not an identity.
/// </summary>
public static class ClientPrincipal
{
    public const string Header = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>The longest name an actor may have: it is written on every audit line they leave.</summary>
    public const int MaxNameLength = 200;

    /// <summary>What the audit trail calls work no person started; no signed-in person may be called that.</summary>
    public const string SystemActor = "system";

    /// <summary>The retention schedule's name in the audit trail: no person may sign in under it either.</summary>
    public const string RetentionActor = "retention";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The principal, or null (nobody) for anything short of a well-formed one: no header, not base64, not UTF-8, not
    /// the expected JSON, a missing or null claim, or no usable name. Half-read identities are never signed in.
    /// </summary>
    public static ClaimsPrincipal? Decode(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Length > 64 * 1024)
        {
            return null;
        }

        Payload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<Payload>(StrictUtf8.GetString(Convert.FromBase64String(header.Trim())));
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            // ArgumentException covers DecoderFallbackException: invalid UTF-8 is refused, not patched with U+FFFD.
            return null;
        }

        if (payload?.Claims is not { Count: > 0 } claims || string.IsNullOrEmpty(payload.AuthenticationType)
            || claims.Any(c => c is null || string.IsNullOrEmpty(c.Type) || c.Value is null))
        {
            return null;
        }

        // Roles only ever come from "roles" claims: role_typ is ignored, or any claim (a name, say) could be made a role.
        // The name from name_typ's claim, else from "name" (Easy Auth's own), and never from a role.
        var nameType = string.IsNullOrEmpty(payload.NameType) || payload.NameType == StaffRoles.ClaimType ? "name" : payload.NameType;
        var identity = new ClaimsIdentity(payload.AuthenticationType, nameType, StaffRoles.ClaimType);
        identity.AddClaims(claims.Select(c => new Claim(c!.Type!, c.Value!)));
        return IsActorName(identity.Name) ? new ClaimsPrincipal(identity) : null;
    }

    /// <summary>A name the audit trail can carry: present, short, plain text, and not the workflows' own label.</summary>
    private static bool IsActorName(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.Length <= MaxNameLength && PlainText.IsAllowed(name)
        && !string.Equals(name.Trim(), SystemActor, StringComparison.OrdinalIgnoreCase)
        && !string.Equals(name.Trim(), RetentionActor, StringComparison.OrdinalIgnoreCase);

    /// <summary>The header's value for a principal: what Easy Auth would send (for tests and the development identity).</summary>
    public static string Encode(string name, IEnumerable<string> roles)
    {
        var claims = new List<PayloadClaim?> { new() { Type = "name", Value = name }, new() { Type = "preferred_username", Value = name } };
        claims.AddRange(roles.Select(r => new PayloadClaim { Type = StaffRoles.ClaimType, Value = r }));
        var payload = new Payload { AuthenticationType = "aad", Claims = claims, NameType = "name", RoleType = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role" };
        return Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(payload));
    }

    private sealed class Payload
    {
        [JsonPropertyName("auth_typ")]
        public string? AuthenticationType { get; set; }

        [JsonPropertyName("claims")]
        public List<PayloadClaim?>? Claims { get; set; }

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
