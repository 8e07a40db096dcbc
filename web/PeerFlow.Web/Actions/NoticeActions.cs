using PeerFlow.Domain.Notices;
using PeerFlow.Orchestrations.Delivery;
using PeerFlow.Web.Api;

namespace PeerFlow.Web.Actions;

/// <summary>What staff do about a notice that was not delivered: try it again, or record that they dealt with it another way.</summary>
public sealed class NoticeActions(ApiServices services, NoticeOutbox outbox, SignIn.SchemeAccess access)
{
    public async Task<ActionOutcome> RetryAsync(string id, string key, CancellationToken cancellationToken)
    {
        if (await outbox.GetAsync(id, key, cancellationToken) is not { } notice)
        {
            return NoSuchNotice;
        }

        if (!await outbox.RetryAsync(id, key, services.Workflows, cancellationToken))
        {
            return ActionOutcome.NotPossible(NotUndelivered(notice));
        }

        await Audit.RecordAsync(services, id, "asked for an undelivered notice to be tried again", cancellationToken);
        return ActionOutcome.Done();
    }

    public async Task<ActionOutcome> MarkHandledAsync(string id, string key, CancellationToken cancellationToken)
    {
        if (await outbox.GetAsync(id, key, cancellationToken) is not { } notice)
        {
            return NoSuchNotice;
        }

        if (!await outbox.MarkHandledAsync(id, key, services.Staff.Name, cancellationToken))
        {
            return ActionOutcome.NotPossible(NotUndelivered(notice));
        }

        await Audit.RecordAsync(services, id, "recorded an undelivered notice as dealt with another way", cancellationToken);
        return ActionOutcome.Done();
    }

    /// <summary>The referral's notices, in the order the workflow decided them.</summary>
    public Task<IReadOnlyList<NoticeRecord>> ForReferralAsync(string id, CancellationToken cancellationToken) => outbox.ForReferralAsync(id, cancellationToken);

    /// <summary>Every notice not delivered and not yet dealt with, optionally of one scheme's referrals.</summary>
    public async Task<IReadOnlyList<UndeliveredNotice>> UndeliveredAsync(string? schemeId, CancellationToken cancellationToken)
    {
        var list = new List<UndeliveredNotice>();
        var schemeIds = await access.SchemeIdsAsync(schemeId, cancellationToken);
        foreach (var notice in await outbox.UndeliveredAsync(cancellationToken))
        {
            var referral = (await services.Store.Referrals.GetAsync(notice.ReferralId, "", cancellationToken))?.Value;
            if (referral is not null && schemeIds.Contains(referral.SchemeId))
            {
                list.Add(new UndeliveredNotice(notice.ReferralId, referral.Reference, referral.SchemeId, notice.Key, notice.Code, notice.LastError, notice.LastTriedAt, notice.Attempts));
            }
        }

        return list;
    }

    private static readonly ActionOutcome NoSuchNotice = new(OutcomeKind.NotFound, "No such referral or notice");

    private static string NotUndelivered(NoticeRecord notice) => notice.State switch
    {
        NoticeState.Pending => "The notice is being delivered now.",
        NoticeState.Delivered => "The notice has been delivered.",
        _ => "The notice has already been dealt with.",
    };
}

/// <summary>A notice that did not reach its people, as staff see it: never a name or an address.</summary>
public sealed record UndeliveredNotice(string ReferralId, string Reference, string SchemeId, string Key, string Code, string? Reason, DateTime? LastTriedAt, int Attempts);
