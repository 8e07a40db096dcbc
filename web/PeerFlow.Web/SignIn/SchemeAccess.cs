using System.Security.Claims;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;
using PeerFlow.Web.Api;

namespace PeerFlow.Web.SignIn;

/// <summary>
/// Which schemes the signed-in person may see, and whether they may see one scheme, referral or mentor: the one place
/// the organisation file's staff lists are read. An app role says what someone may do; this says where. A scheme that
/// lists its staff is seen by them and by the organisation-wide staff only; a scheme that lists nobody is seen by
/// every member of staff. Work no person started (workflows, schedules: no principal) sees every scheme.
/// </summary>
/// <remarks>
/// Pages and the API narrow their lists through <see cref="SchemeIdsAsync"/> and <see cref="SchemesAsync"/>; a
/// request naming one referral, mentor or scheme in its route is checked by <see cref="Endpoints.WebPipeline"/> before
/// its handler runs (<see cref="Endpoints.RecordGate"/>), and answered as if there were no such record.
/// </remarks>
public sealed class SchemeAccess(SchemeCatalog catalog, PeerFlowStore store, StaffIdentity staff)
{
    /// <summary>The claims a sign-in name may arrive in, besides the identity's own name (Entra ID's, through Easy Auth).</summary>
    private static readonly string[] NameClaims =
    [
        "preferred_username", "email", "upn",
        ClaimTypes.Email, ClaimTypes.Upn,
    ];

    private Task<IReadOnlyList<Scheme>>? visible;

    /// <summary>Whether <paramref name="principal"/> sees <paramref name="scheme"/>: the rule itself.</summary>
    public static bool Admits(Scheme scheme, ClaimsPrincipal? principal)
    {
        if (principal is null || scheme.Staff.Count == 0)
        {
            return true;
        }

        var names = SignInNames(principal);
        return scheme.Staff.Concat(scheme.OrganisationWideStaff).Any(names.Contains);
    }

    /// <summary>The schemes the signed-in person sees, in name order (read once per request).</summary>
    public Task<IReadOnlyList<Scheme>> SchemesAsync(CancellationToken cancellationToken) => visible ??= ReadAsync(cancellationToken);

    /// <summary>The ids of the schemes a page reads: the one asked for if the person sees it (else none), or all they see.</summary>
    public async Task<IReadOnlyList<string>> SchemeIdsAsync(string? only, CancellationToken cancellationToken)
    {
        var ids = (await SchemesAsync(cancellationToken)).Select(s => s.Id);
        return [.. string.IsNullOrEmpty(only) ? ids : ids.Where(s => s == only)];
    }

    /// <summary>The scheme, when it exists and the person sees it.</summary>
    public async Task<Scheme?> SchemeAsync(string? schemeId, CancellationToken cancellationToken) =>
        (await SchemesAsync(cancellationToken)).FirstOrDefault(s => s.Id == schemeId);

    /// <summary>False for a scheme the person does not see; true for one they do, or that does not exist (its handler says so).</summary>
    public async Task<bool> MaySeeSchemeAsync(string schemeId, CancellationToken cancellationToken) =>
        await SchemeAsync(schemeId, cancellationToken) is not null || await catalog.GetAsync(schemeId, cancellationToken) is null;

    /// <summary>False for a referral of a scheme the person does not see; true otherwise, a missing referral included.</summary>
    public async Task<bool> MaySeeReferralAsync(string referralId, CancellationToken cancellationToken) =>
        await store.Referrals.GetAsync(referralId, "", cancellationToken) is not { } referral
        || await MaySeeSchemeAsync(referral.Value.SchemeId, cancellationToken);

    /// <summary>False for a mentor of a scheme the person does not see; true otherwise, a missing mentor included.</summary>
    public async Task<bool> MaySeeMentorAsync(string mentorId, CancellationToken cancellationToken) =>
        await store.Mentors.GetAsync("mentor", mentorId, cancellationToken) is not { } mentor
        || await MaySeeSchemeAsync(mentor.Value.SchemeId, cancellationToken);

    private async Task<IReadOnlyList<Scheme>> ReadAsync(CancellationToken cancellationToken) =>
        [.. (await catalog.ListAsync(cancellationToken)).Where(s => Admits(s, staff.Principal))];

    /// <summary>Every name the person signed in under: the identity's, and any sign-in name claim (without regard to case).</summary>
    private static HashSet<string> SignInNames(ClaimsPrincipal principal)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (principal.Identity?.Name is { Length: > 0 } name)
        {
            names.Add(name.Trim());
        }

        foreach (var claim in principal.Claims.Where(c => NameClaims.Contains(c.Type, StringComparer.OrdinalIgnoreCase) && c.Value.Length > 0))
        {
            names.Add(claim.Value.Trim());
        }

        return names;
    }
}
