using PeerFlow.Domain.Referrals;
using PeerFlow.Domain.Storage;

namespace PeerFlow.Domain.Schemes;

/// <summary>
/// The organisation's schemes and their versioned policies. Configuration is loaded into storage at start-up; a
/// policy that differs from the latest stored version becomes a new version, which only new referrals use. Every
/// scheme is checked before any is stored: a configuration that cannot be used stops the start-up, naming the scheme.
/// </summary>
public sealed class SchemeCatalog(PeerFlowStore store, TimeProvider time)
{
    public async Task LoadAsync(Organisation organisation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        foreach (var scheme in organisation.Schemes)
        {
            ReasonCodes.Validate(scheme);
            var retention = (scheme.Retention ?? throw new InvalidOperationException($"Scheme \"{scheme.Id}\" has \"retention\": null; leave it out for the defaults.")).Problems().ToList();
            if (retention.Count > 0)
            {
                throw new InvalidOperationException($"Scheme \"{scheme.Id}\" has retention periods that cannot be used: {string.Join("; ", retention)}.");
            }
            ValidatePolicy(scheme);
            Sms.SchemeTexts.Validate(scheme.Id, scheme.Texts);
            ValidateStaff($"Scheme \"{scheme.Id}\" has", scheme.Staff);
            OutcomeScale.Validate(scheme.Id, scheme.OutcomeScale);
        }

        ValidateStaff("The organisation has", organisation.OrganisationWideStaff);

        foreach (var loaded in organisation.Schemes)
        {
            var scheme = WithMobilesNormalised(loaded);
            await store.Schemes.UpsertAsync("scheme", scheme.Id, scheme with { OrganisationName = organisation.Name, OrganisationWideStaff = organisation.OrganisationWideStaff ?? [] }, null, cancellationToken);
            var latest = await LatestPolicyAsync(scheme.Id, cancellationToken);
            if (latest is null || !SamePolicy(latest.Policy, scheme.Policy))
            {
                var version = (latest?.Version ?? 0) + 1;
                await store.Policies.TryInsertAsync(
                    scheme.Id, VersionKey(version), new VersionedPolicy(scheme.Id, version, scheme.Policy, time.GetUtcNow().UtcDateTime), null, cancellationToken);
            }
        }
    }

    public async Task<IReadOnlyList<Scheme>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await store.Schemes.PartitionAsync("scheme", cancellationToken)).Select(s => s.Value).OrderBy(s => s.Name, StringComparer.Ordinal)];

    public async Task<Scheme?> GetAsync(string schemeId, CancellationToken cancellationToken) =>
        (await store.Schemes.GetAsync("scheme", schemeId, cancellationToken))?.Value;

    public async Task<VersionedPolicy?> LatestPolicyAsync(string schemeId, CancellationToken cancellationToken) =>
        (await store.Policies.PartitionAsync(schemeId, cancellationToken)).Select(p => p.Value).MaxBy(p => p.Version);

    public async Task<VersionedPolicy?> PolicyAsync(string schemeId, int version, CancellationToken cancellationToken) =>
        (await store.Policies.GetAsync(schemeId, VersionKey(version), cancellationToken))?.Value;

    /// <summary>Staff mobiles are texted in E.164; one that is not a UK mobile stops the start-up, naming the scheme.</summary>
    private static Scheme WithMobilesNormalised(Scheme scheme)
    {
        StaffContact Normalised(StaffContact contact, string role) => contact.Mobile is null
            ? contact
            : contact with
            {
                Mobile = Sms.UkMobile.TryNormalise(contact.Mobile, out var e164)
                    ? e164
                    : throw new InvalidOperationException($"Scheme {scheme.Id}: the {role}'s mobile is not a UK mobile number (07… or +447…)."),
            };

        return scheme with
        {
            Coordinator = Normalised(scheme.Coordinator, "coordinator"),
            Manager = Normalised(scheme.Manager, "manager"),
            SafeguardingLead = scheme.SafeguardingLead is { } lead ? Normalised(lead, "safeguarding lead") : null,
        };
    }

    private static string VersionKey(int version) => version.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);


    // Records compare lists by reference, so compare the serialised form instead.
    /// <summary>The settings no number check in the file's schema catches: a wrong area would silently match nobody.</summary>
    private static void ValidatePolicy(Scheme scheme)
    {
        var areas = scheme.Policy.NeighbouringAreas.SelectMany(g => g ?? []).ToList();
        if (areas.Any(a => a is not { Length: 1 or 2 } || !a.All(char.IsAsciiLetter)))
        {
            throw new InvalidOperationException($"Scheme \"{scheme.Id}\" has neighbouring areas that are not postcode areas (one or two letters, like EX).");
        }

        if (scheme.Policy.CoordinatorAlertsPerHour < 1)
        {
            throw new InvalidOperationException($"Scheme \"{scheme.Id}\" has coordinatorAlertsPerHour below 1; the coordinator must hear of at least one new referral an hour.");
        }

        if (scheme.Policy.SupervisionCadenceDays < 0)
        {
            throw new InvalidOperationException($"Scheme \"{scheme.Id}\" has a negative supervision cadence; use 0 to not track supervision.");
        }
    }

    /// <summary>A sign-in name that could never match anyone would lock its scheme's staff out without a word.</summary>
    private static void ValidateStaff(string owner, IReadOnlyList<string>? staff)
    {
        if (staff is null)
        {
            throw new InvalidOperationException($"{owner} a list of staff that is null; leave it out for none.");
        }

        if (staff.Any(s => string.IsNullOrWhiteSpace(s) || s.Trim() != s || s.Length > 200))
        {
            throw new InvalidOperationException($"{owner} staff who are not sign-in names (empty, padded with spaces, or over 200 characters).");
        }
    }

    private static bool SamePolicy(SchemePolicy a, SchemePolicy b) =>
        System.Text.Json.JsonSerializer.Serialize(a) == System.Text.Json.JsonSerializer.Serialize(b);
}
