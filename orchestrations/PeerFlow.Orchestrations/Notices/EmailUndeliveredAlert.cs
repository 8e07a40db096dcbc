using Microsoft.Extensions.Logging;
using PeerFlow.Domain.Email;
using PeerFlow.Domain.Links;
using PeerFlow.Domain.Notices;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;
using PeerFlow.Orchestrations.Activities;
using PeerFlow.Orchestrations.Delivery;

namespace PeerFlow.Orchestrations.Notices;

/// <summary>
/// Emails the scheme's coordinator, once per undelivered notice, that it did not reach its people. When the provider
/// is down for everyone this fails too, and the dashboard is where it shows: nothing here is retried, so an alert about
/// an alert cannot loop.
/// </summary>
public sealed partial class EmailUndeliveredAlert(
    PeerFlowStore store, SchemeCatalog schemes, IEmailSender email, PublicUrls urls, ILogger<EmailUndeliveredAlert> logger) : IUndeliveredAlert
{
    public async Task TellAsync(NoticeRecord notice, CancellationToken cancellationToken)
    {
        try
        {
            var referral = (await store.Referrals.GetAsync(notice.ReferralId, "", cancellationToken))?.Value;
            var scheme = referral is null ? null : await schemes.GetAsync(referral.SchemeId, cancellationToken);
            if (referral is null || scheme is null || !Enum.TryParse<Notice>(notice.Code, out var code))
            {
                return;
            }

            var coordinator = scheme.Coordinator;
            var first = coordinator.Name.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? coordinator.Name;
            var model = new MatchUpdateModel(
                first, referral.Reference, scheme.Name, $"A notice about {referral.Reference} was not delivered",
                $"{NoticeCatalog.Of(code).Timeline}: not delivered ({notice.LastError ?? "no reason given"}). Open the referral to try it again, or to record that you dealt with it another way, for example by phone.",
                urls.Referral(referral.Id));
            await email.SendAsync(new OutgoingEmail(coordinator.Email, coordinator.Name, EmailTemplateNames.MatchUpdate, model) { ReferralId = referral.Id }, $"{notice.Key}:undelivered:{notice.Retries}", cancellationToken);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogNotTold(ex, notice.Key);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The coordinator could not be told that notice {Key} was not delivered; it shows on the dashboard.")]
    private partial void LogNotTold(Exception exception, string key);
}
