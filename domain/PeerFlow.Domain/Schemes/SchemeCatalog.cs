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
        }

        foreach (var scheme in organisation.Schemes)
        {
            await store.Schemes.UpsertAsync("scheme", scheme.Id, scheme with { OrganisationName = organisation.Name }, null, cancellationToken);
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

    private static string VersionKey(int version) => version.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);


    // Records compare lists by reference, so compare the serialised form instead.
    private static bool SamePolicy(SchemePolicy a, SchemePolicy b) =>
        System.Text.Json.JsonSerializer.Serialize(a) == System.Text.Json.JsonSerializer.Serialize(b);
}
