using System.Globalization;
using Azure.Data.Tables;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using PeerFlow.Domain.Notices;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Storage;
using PeerFlow.Orchestrations.Activities;

namespace PeerFlow.Orchestrations.Delivery;

/// <summary>
/// The outbox of notices: what the lifecycle decided was due, each row the truth its delivery works from. Queuing is
/// idempotent (the lifecycle's key is the row key and the delivery's instance id), so a re-run activity queues nothing
/// twice.
/// </summary>
public sealed class NoticeOutbox(PeerFlowStore store, TimeProvider time)
{
    /// <summary>An earlier notice this old no longer holds a later one back: by then it has been given up.</summary>
    public static readonly TimeSpan OrderWindow = TimeSpan.FromDays(2);

    /// <summary>Records the notice (once) and starts its delivery (once).</summary>
    public async Task QueueAsync(NoticeRequest request, DurableTaskClient workflows, CancellationToken cancellationToken)
    {
        var decidedAt = request.DecidedAt ?? time.GetUtcNow().UtcDateTime;
        var notice = new NoticeRecord
        {
            ReferralId = request.ReferralId,
            Key = request.Key,
            Code = request.Notice.ToString(),
            MatchId = request.MatchId,
            DueAt = request.DueAt,
            QueuedAt = decidedAt,
            Order = OrderOf(decidedAt, request.Key),
            Urgent = request.Notice.IsUrgent(),
        };
        await store.Notices.TryInsertAsync(request.ReferralId, request.Key, notice, NoticeRecord.Columns(notice), cancellationToken);
        await StartAsync(workflows, request.ReferralId, request.Key, 0, cancellationToken);
    }

    public async Task<NoticeRecord?> GetAsync(string referralId, string key, CancellationToken cancellationToken) =>
        (await store.Notices.GetAsync(referralId, key, cancellationToken))?.Value;

    /// <summary>Whether a notice of the same referral decided before this one is still on its way.</summary>
    public async Task<bool> EarlierPendingAsync(NoticeRecord notice, CancellationToken cancellationToken)
    {
        var pending = await store.Notices.QueryAsync(
            $"PartitionKey eq {notice.ReferralId} and State eq {nameof(NoticeState.Pending)}", cancellationToken);
        return pending.Any(p => string.CompareOrdinal(p.Value.Order, notice.Order) < 0 && p.Value.QueuedAt > notice.QueuedAt - OrderWindow);
    }

    /// <summary>Notices of a referral, in the order they were decided.</summary>
    public async Task<IReadOnlyList<NoticeRecord>> ForReferralAsync(string referralId, CancellationToken cancellationToken) =>
        [.. (await store.Notices.PartitionAsync(referralId, cancellationToken)).Select(n => n.Value).OrderBy(n => n.Order, StringComparer.Ordinal)];

    /// <summary>Every notice not delivered and not yet dealt with, for the dashboard: one partition, kept by the notices' writes.</summary>
    public async Task<IReadOnlyList<NoticeRecord>> UndeliveredAsync(CancellationToken cancellationToken) =>
        [.. (await store.UndeliveredNotices.InAsync(PeerFlowStore.UndeliveredPartition, cancellationToken)).OrderBy(n => n.LastTriedAt)];

    public Task<NoticeRecord?> ChangeAsync(NoticeRecord notice, Func<NoticeRecord, NoticeRecord?> change, CancellationToken cancellationToken) =>
        store.Notices.UpdateAsync(notice.ReferralId, notice.Key, change, NoticeRecord.Columns, cancellationToken);

    /// <summary>
    /// Staff ask for an undelivered notice to be tried again: it becomes pending under a new delivery. False when it is
    /// not undelivered (delivered, dealt with, or already being retried).
    /// </summary>
    public async Task<bool> RetryAsync(string referralId, string key, DurableTaskClient workflows, CancellationToken cancellationToken)
    {
        var retried = false;
        var changed = await store.Notices.UpdateAsync(referralId, key, n =>
        {
            retried = n.State == NoticeState.Undelivered;
            return retried ? n with { State = NoticeState.Pending, Retries = n.Retries + 1, Attempts = 0 } : null;
        }, NoticeRecord.Columns, cancellationToken);
        if (!retried || changed is null)
        {
            return false;
        }

        await StartAsync(workflows, referralId, key, changed.Retries, cancellationToken);
        return true;
    }

    /// <summary>Staff dealt with an undelivered notice another way. False when it is not undelivered.</summary>
    public async Task<bool> MarkHandledAsync(string referralId, string key, string actor, CancellationToken cancellationToken)
    {
        var handled = false;
        var now = time.GetUtcNow().UtcDateTime;
        await store.Notices.UpdateAsync(referralId, key, n =>
        {
            handled = n.State == NoticeState.Undelivered;
            return handled ? n with { State = NoticeState.Handled, HandledBy = actor, HandledAt = now } : null;
        }, NoticeRecord.Columns, cancellationToken);
        if (handled)
        {
            await store.Timeline.TryInsertAsync(
                referralId, $"{PeerFlowStore.Key(now)}-handled-{Safe(key)}",
                new TimelineEntry(referralId, now, "NoticeHandled", "Undelivered notice dealt with another way"), null, cancellationToken);
        }

        return handled;
    }

    /// <summary>Stops and forgets every delivery of a referral's notices: for erasure.</summary>
    public async Task EraseAsync(string referralId, DurableTaskClient workflows, CancellationToken cancellationToken)
    {
        foreach (var notice in await ForReferralAsync(referralId, cancellationToken))
        {
            for (var retry = 0; retry <= notice.Retries; retry++)
            {
                var id = NoticeDelivery.InstanceId(notice.Key, retry);
                if (await workflows.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken) is { IsCompleted: false })
                {
                    await workflows.TerminateInstanceAsync(id, new TerminateInstanceOptions { Output = "erased" }, cancellationToken);
                }

                await workflows.PurgeInstanceAsync(id, cancellation: cancellationToken);
            }
        }

        await store.Notices.DeletePartitionAsync(referralId, cancellationToken);
    }

    /// <summary>Timeline row keys made from the notice's key: a re-run attempt writes the same row, not a second line.</summary>
    public static string Safe(string key) => key.Replace(':', '-');

    /// <summary>The notice's line on the timeline: in the order it was decided, one row however often it is tried.</summary>
    public static string TimelineKey(NoticeRecord notice) => $"{PeerFlowStore.Key(notice.QueuedAt)}-{Safe(notice.Key)}";

    private static async Task StartAsync(DurableTaskClient workflows, string referralId, string key, int retry, CancellationToken cancellationToken)
    {
        var id = NoticeDelivery.InstanceId(key, retry);
        if (await workflows.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken) is not null)
        {
            return;
        }

        await workflows.ScheduleNewOrchestrationInstanceAsync(
            NoticeDelivery.Name, new NoticeDeliveryInput(referralId, key), new StartOrchestrationOptions(id), cancellationToken);
    }

    /// <summary>The decision's time, then the generation and step from the key ("{instance}:{generation}:{step}").</summary>
    private static string OrderOf(DateTime decidedAt, string key)
    {
        var parts = key.Split(':');
        var generation = parts.Length >= 3 && int.TryParse(parts[^2], NumberStyles.None, CultureInfo.InvariantCulture, out var g) ? g : 0;
        var step = parts.Length >= 2 && int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        return FormattableString.Invariant($"{decidedAt.Ticks:D19}:{generation:D6}:{step:D6}");
    }
}
