using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using PeerFlow.Domain.Calendar;
using PeerFlow.Domain.Email;
using PeerFlow.Domain.Notices;
using PeerFlow.Domain.Schemes;
using PeerFlow.Domain.Storage;
using PeerFlow.Domain.Text;
using PeerFlow.Domain.Links;

namespace PeerFlow.Orchestrations.Activities;

/// <summary>
/// The day's digest for each scheme with something held: one email to its coordinator, keyed by scheme and day, then
/// the rows it listed removed. It lists only what was held before 09:00, so a retried run sends the same email (once)
/// and removes the same rows; what was held later waits for tomorrow. An email that cannot be sent leaves its rows for
/// tomorrow's digest, and they stay on the dashboard meanwhile.
/// </summary>
public sealed partial class SendCoordinatorDigests(PeerFlowStore store, SchemeCatalog schemes, IEmailSender email, PublicUrls urls, ILogger<SendCoordinatorDigests> logger)
    : TaskActivity<string, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, string day)
    {
        var date = DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var runAt = TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(CoordinatorDigest.At), UkTime.London);
        var sent = 0;
        foreach (var scheme in await schemes.ListAsync(CancellationToken.None))
        {
            var due = await store.Digest.DueAsync(scheme.Id, runAt, CancellationToken.None);
            if (due.Count == 0)
            {
                continue;
            }

            var lines = due.Select(i => new DigestLine(
                i.Value.Reference, i.Value.Text, new DateTimeOffset(DateTime.SpecifyKind(i.Value.HeldAt, DateTimeKind.Utc)), urls.Referral(i.Value.ReferralId))).ToList();
            var model = new CoordinatorDigestModel(
                PersonNames.First(scheme.Coordinator.Name), scheme.Name, date, lines, due.Count(i => i.Value.Reason == DigestReason.Flood), urls.Dashboard(), urls.SchemeNotices(scheme.Id));
            try
            {
                await email.SendAsync(
                    new OutgoingEmail(scheme.Coordinator.Email, scheme.Coordinator.Name, EmailTemplateNames.CoordinatorDigest, model),
                    $"coordinator-digest:{scheme.Id}:{day}", CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not Azure.RequestFailedException)
            {
                LogNotSent(logger, scheme.Id, due.Count, ex);
                continue;
            }

            await store.Digest.RemoveAsync(due, CancellationToken.None);
            sent++;
        }

        return sent;
    }

    [LoggerMessage(LogLevel.Warning, "The digest for scheme {SchemeId} ({Count} items) could not be sent; they stay on the dashboard for tomorrow's.")]
    private static partial void LogNotSent(ILogger logger, string schemeId, int count, Exception exception);
}
