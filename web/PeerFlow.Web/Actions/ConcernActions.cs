using PeerFlow.Domain.Records;
using PeerFlow.Domain.Referrals;
using PeerFlow.Web.Api;

namespace PeerFlow.Web.Actions;

/// <summary>
/// A safeguarding concern followed to an outcome: staff record what was done (and who owns it); a manager closes it
/// with its outcome. Records only: the workflow was told when the concern was raised, and needs nothing more.
/// </summary>
public sealed class ConcernActions(ApiServices services)
{
    public const int TextLength = 2000;

    /// <summary>A referral's concerns, open ones first, each with its id.</summary>
    public async Task<IReadOnlyList<SafeguardingConcern>> ListAsync(string id, CancellationToken cancellationToken) =>
        [.. (await services.Store.Concerns.PartitionAsync(id, cancellationToken))
            .Select(c => c.Value with { Id = c.RowKey }).OrderByDescending(c => c.IsOpen).ThenByDescending(c => c.At)];

    public async Task<ActionOutcome> RecordActionAsync(string id, string concernId, ConcernActionRequest body, CancellationToken cancellationToken)
    {
        if (TypedInputChecks.Check(body) is { } badText)
        {
            return badText;
        }

        if (string.IsNullOrWhiteSpace(body.Text))
        {
            return ActionOutcome.Field("text", "Say what was done.");
        }

        if (body.Text.Length > TextLength)
        {
            return ActionOutcome.Field("text", $"Keep it to {TextLength} characters.");
        }

        if (body.Owner?.Length > FieldRules.NameLength)
        {
            return ActionOutcome.Field("owner", $"Keep the owner's name to {FieldRules.NameLength} characters.");
        }

        var now = services.Now;
        var refused = false;
        var updated = await services.Store.Concerns.UpdateAsync(id, concernId, c =>
        {
            refused = !c.IsOpen;
            return refused ? null : c with
            {
                Actions = [.. c.Actions, new ConcernAction(now, services.Staff.Name, body.Text.Trim())],
                Owner = string.IsNullOrWhiteSpace(body.Owner) ? c.Owner : body.Owner.Trim(),
            };
        }, null, cancellationToken);
        if (updated is null)
        {
            return ActionOutcome.Missing;
        }

        if (refused)
        {
            return ActionOutcome.NotPossible("The concern is closed.");
        }

        await Audit.RecordAsync(services, id, "recorded an action on a safeguarding concern", cancellationToken);
        return ActionOutcome.Done(updated with { Id = concernId });
    }

    /// <summary>Managers only (the endpoints' audience): the concern's outcome, and it leaves the open list.</summary>
    public async Task<ActionOutcome> CloseAsync(string id, string concernId, ConcernClosureRequest body, CancellationToken cancellationToken)
    {
        if (TypedInputChecks.Check(body) is { } badText)
        {
            return badText;
        }

        if (string.IsNullOrWhiteSpace(body.Outcome))
        {
            return ActionOutcome.Field("outcome", "Say what the outcome was.");
        }

        if (body.Outcome.Length > TextLength)
        {
            return ActionOutcome.Field("outcome", $"Keep the outcome to {TextLength} characters.");
        }

        var now = services.Now;
        var closedNow = false;
        var updated = await services.Store.Concerns.UpdateAsync(id, concernId, c =>
        {
            closedNow = c.IsOpen;
            return closedNow ? c with { Outcome = body.Outcome.Trim(), ClosedAt = now, ClosedBy = services.Staff.Name } : null;
        }, null, cancellationToken);
        if (updated is null)
        {
            return ActionOutcome.Missing;
        }

        if (!closedNow)
        {
            return ActionOutcome.NotPossible("The concern is already closed.");
        }

        // Only the close that changed the concern counts it down, so a repeated close cannot take the count below the truth.
        await services.Store.Referrals.UpdateAsync(id, "", r => r with { OpenConcerns = Math.Max(0, r.OpenConcerns - 1) }, MatchProposals.ReferralColumns, cancellationToken);
        await services.Store.Timeline.TryInsertAsync(id, Domain.Storage.PeerFlowStore.Key(now) + "-" + Guid.NewGuid().ToString("N")[..6], new TimelineEntry(id, now, "safeguarding-closed", "Safeguarding concern closed by a manager"), null, cancellationToken);
        await Audit.RecordAsync(services, id, "closed a safeguarding concern", cancellationToken);
        return ActionOutcome.Done(updated with { Id = concernId });
    }
}
