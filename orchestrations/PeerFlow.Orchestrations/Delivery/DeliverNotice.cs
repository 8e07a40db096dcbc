using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using PeerFlow.Domain.Notices;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Storage;
using PeerFlow.Orchestrations.Activities;

namespace PeerFlow.Orchestrations.Delivery;

/// <summary>
/// One try at delivering a notice from the outbox. Sends nothing for a notice already delivered or dealt with, holds a
/// notice back while an earlier one of the same referral is still on its way (urgent ones excepted), and on the last
/// try or a refusal marks it not delivered, writes that on the timeline and tells the coordinator.
/// </summary>
public sealed partial class DeliverNotice(
    NoticeOutbox outbox, INoticeSender sender, IUndeliveredAlert alert, PeerFlowStore store, TimeProvider time, ILogger<DeliverNotice> logger)
    : TaskActivity<DeliveryAttempt, DeliveryResult>
{
    public override async Task<DeliveryResult> RunAsync(TaskActivityContext context, DeliveryAttempt attempt)
    {
        var notice = await outbox.GetAsync(attempt.ReferralId, attempt.Key, CancellationToken.None);
        if (notice is not { State: NoticeState.Pending } || await store.Referrals.GetAsync(attempt.ReferralId, "", CancellationToken.None) is null)
        {
            return new DeliveryResult(DeliveryOutcome.Done);
        }

        if (!notice.Urgent && await outbox.EarlierPendingAsync(notice, CancellationToken.None))
        {
            return new DeliveryResult(DeliveryOutcome.Wait);
        }

        var request = new NoticeRequest(notice.ReferralId, Enum.Parse<Notice>(notice.Code), notice.MatchId, notice.DueAt) { Key = notice.Key, DecidedAt = notice.QueuedAt };
        NoticeFailure? failure = null;
        NoticeSendResult? sent = null;
        try
        {
            sent = await sender.SendAsync(request, notice.Key, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            failure = NoticeFailure.Of(ex);
            LogFailed(ex, notice.Code, notice.Key, attempt.Attempt, failure.Permanent);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (failure is null && sent?.HeldUntil is { } heldUntil)
        {
            // The emails went; a text waits for the end of the scheme's quiet hours. Not a failure, so not a try.
            var wait = heldUntil.UtcDateTime - now;
            return new DeliveryResult(DeliveryOutcome.Wait, wait > TimeSpan.FromMinutes(1) ? wait : TimeSpan.FromMinutes(1));
        }

        if (failure is null)
        {
            await outbox.ChangeAsync(notice, n => n with { State = NoticeState.Delivered, Attempts = n.Attempts + 1, LastTriedAt = now, DeliveredAt = now }, CancellationToken.None);
            if (sent?.AllHeldForDigest == true)
            {
                // "Coordinator alerted" would be untrue until 09:00; the hold said what happened.
                return new DeliveryResult(DeliveryOutcome.Done);
            }

            await store.Timeline.TryInsertAsync(
                notice.ReferralId, NoticeOutbox.TimelineKey(notice),
                new TimelineEntry(notice.ReferralId, now, notice.Code, sent?.NotSent is { } why ? $"Not sent: {why}" : NoticeCatalog.Of(request.Notice).Timeline),
                null, CancellationToken.None);
            return new DeliveryResult(DeliveryOutcome.Done);
        }

        if (!failure.Permanent && !attempt.Last)
        {
            await outbox.ChangeAsync(notice, n => n with { Attempts = n.Attempts + 1, LastTriedAt = now, LastError = failure.Reason }, CancellationToken.None);
            return new DeliveryResult(DeliveryOutcome.Retry, failure.RetryAfter);
        }

        var given = await outbox.ChangeAsync(
            notice, n => n with { State = NoticeState.Undelivered, Attempts = n.Attempts + 1, LastTriedAt = now, LastError = failure.Reason }, CancellationToken.None);
        await store.Timeline.TryInsertAsync(
            notice.ReferralId, $"{NoticeOutbox.TimelineKey(notice)}-undelivered-{notice.Retries}",
            new TimelineEntry(notice.ReferralId, now, "NoticeUndelivered", $"Not delivered: {NoticeCatalog.Of(request.Notice).Timeline}. {Sentence(failure.Reason)}"), null, CancellationToken.None);
        await alert.TellAsync(given ?? notice, CancellationToken.None);
        return new DeliveryResult(DeliveryOutcome.Undelivered);
    }

    private static string Sentence(string reason) => reason.Length == 0 ? reason : char.ToUpperInvariant(reason[0]) + reason[1..] + ".";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notice {Code}, key {Key}, attempt {Attempt} failed (final: {Permanent}).")]
    private partial void LogFailed(Exception exception, string code, string key, int attempt, bool permanent);
}

/// <summary>Tells a person that a notice could not be delivered, by whatever way is left. Never throws.</summary>
public interface IUndeliveredAlert
{
    Task TellAsync(NoticeRecord notice, CancellationToken cancellationToken);
}
