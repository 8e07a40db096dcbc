using PeerFlow.Domain.Notices;
using PeerFlow.Web.Api;

namespace PeerFlow.Web.Actions;

/// <summary>A scheme's coordinator notices: one email per event or a 09:00 digest, and what waits for the next digest.</summary>
public sealed record SchemeNotices(
    string SchemeId, string SchemeName, bool CoordinatorDigest, string? ChangedBy, DateTime? ChangedAt, int AlertsPerHour, IReadOnlyList<DigestItem> Waiting);

/// <summary>What a coordinator asks: true for the daily digest, false for one email per event.</summary>
public sealed record NoticePreferenceRequest(bool? CoordinatorDigest);

public sealed class NoticePreferences(ApiServices services)
{
    public async Task<SchemeNotices?> GetAsync(string schemeId, CancellationToken cancellationToken)
    {
        if (await services.Schemes.GetAsync(schemeId, cancellationToken) is not { } scheme)
        {
            return null;
        }

        var preference = await services.Store.Digest.PreferenceAsync(scheme.Id, cancellationToken);
        return new SchemeNotices(
            scheme.Id, scheme.Name, preference?.CoordinatorDigest == true, preference?.ChangedBy, preference?.ChangedAt, scheme.Policy.CoordinatorAlertsPerHour,
            await services.Store.Digest.WaitingAsync(scheme.Id, cancellationToken));
    }

    /// <summary>
    /// Changes how the coordinator hears of what can wait. Turning the digest off sends nothing already held: it stays
    /// on the dashboard and goes in the next digest, so no notice is lost or sent twice by the change.
    /// </summary>
    public async Task<ActionOutcome> SetAsync(string schemeId, NoticePreferenceRequest request, CancellationToken cancellationToken)
    {
        if (request.CoordinatorDigest is not { } digest)
        {
            return ActionOutcome.Field("coordinatorDigest", "Choose one email for each thing, or one email a day.");
        }

        if (await services.Schemes.GetAsync(schemeId, cancellationToken) is null)
        {
            return new ActionOutcome(OutcomeKind.NotFound, "No such scheme");
        }

        await services.Store.Digest.SetPreferenceAsync(schemeId, new NoticePreference(digest, services.Staff.Name, services.Now), cancellationToken);
        return ActionOutcome.Done(await GetAsync(schemeId, cancellationToken));
    }
}
