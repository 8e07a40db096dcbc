using System.Globalization;
using Microsoft.Extensions.Logging;
using PeerFlow.Domain.Email;
using PeerFlow.Domain.Links;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;
using PeerFlow.Domain.Text;

namespace PeerFlow.Domain.Notices;

/// <summary>
/// Decides whether the coordinator's email of a notice waits for the 09:00 digest (<see cref="CoordinatorDigest"/>):
/// always when the scheme's coordinator chose the digest, and for new referrals past the scheme's alerts an hour, so a
/// flood of posts reaches the coordinator as one email and a count on the dashboard rather than hundreds of emails.
/// Urgent notices (safeguarding, red check-ins, escalations, urgent referrals) are never held.
/// </summary>
public sealed partial class CoordinatorHold(PeerFlowStore store, IEmailSender email, PublicUrls urls, TimeProvider time, ILogger<CoordinatorHold> logger)
{
    public async Task<bool> TryHoldAsync(Referral referral, Scheme scheme, SchemePolicy policy, NoticeRequest request, string noticeKey, CancellationToken cancellationToken)
    {
        if (request.Notice.IsUrgent() || (referral.Urgent && request.Notice == Notice.ReferralReceived))
        {
            return false;
        }

        var chosen = (await store.Digest.PreferenceAsync(scheme.Id, cancellationToken))?.CoordinatorDigest == true;
        // Counted by arrival, not by when each notice is delivered, so the first referrals of a flood are the ones told.
        var received = referral.ReceivedAt;
        var flood = !chosen && request.Notice == Notice.ReferralReceived
            && await store.OpenWork.ReceivedBetweenAsync(scheme.Id, received.AddHours(-1), received, cancellationToken) > policy.CoordinatorAlertsPerHour;
        if (!chosen && !flood)
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var item = new DigestItem(scheme.Id, referral.Id, referral.Reference, request.Notice.ToString(), NoticeCatalog.Of(request.Notice).DigestLine, now, chosen ? DigestReason.Chosen : DigestReason.Flood);
        if (await store.Digest.HoldAsync(item, noticeKey, cancellationToken))
        {
            var why = flood ? "more new referrals arrived in an hour than the scheme alerts on one by one" : "the coordinator chose a daily digest";
            await store.Timeline.TryInsertAsync(
                referral.Id, $"{noticeKey}-digest",
                new TimelineEntry(referral.Id, now, "NoticeHeldForDigest", $"The coordinator's email waits for the 09:00 digest: {why}."), null, cancellationToken);
        }

        if (flood)
        {
            await TellOfFloodAsync(scheme, policy, received, cancellationToken);
        }

        return true;
    }

    /// <summary>One email an hour for a flood, whatever its size; the referrals themselves are on the dashboard.</summary>
    private async Task TellOfFloodAsync(Scheme scheme, SchemePolicy policy, DateTime received, CancellationToken cancellationToken)
    {
        var hour = received.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
        var model = new ReferralFloodModel(PersonNames.First(scheme.Coordinator.Name), scheme.Name, policy.CoordinatorAlertsPerHour, urls.Dashboard());
        try
        {
            await email.SendAsync(new OutgoingEmail(scheme.Coordinator.Email, scheme.Coordinator.Name, EmailTemplateNames.ReferralFlood, model), $"referral-flood:{scheme.Id}:{hour}", cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // The held referrals are on the dashboard and in the digest whatever becomes of this email.
            LogFloodNotTold(logger, scheme.Id, ex);
        }
    }

    [LoggerMessage(LogLevel.Warning, "The email telling scheme {SchemeId}'s coordinator of a flood of referrals could not be sent.")]
    private static partial void LogFloodNotTold(ILogger logger, string schemeId, Exception exception);
}
