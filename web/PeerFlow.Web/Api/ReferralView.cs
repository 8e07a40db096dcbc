using PeerFlow.Domain.Records;
using Microsoft.DurableTask.Client;
using PeerFlow.Orchestrations;
using PeerFlow.Orchestrations.Starts;

namespace PeerFlow.Web.Api;

/// <summary>A referral as a coordinator needs it: stage, key dates, what is scheduled next, and what happened.</summary>
/// <param name="ReferrerSector">A professional referrer's sector by its code (as posted); null for a self-referral or one made before sectors were asked.</param>
public sealed record ReferralView(
    string Id,
    string Reference,
    string SchemeId,
    string Stage,
    bool Urgent,
    string Kind,
    string? ReferrerSector,
    DateTime ReceivedAt,
    DateTime? AssessmentDueAt,
    DateTime? FirstContactAt,
    DateTime? AssessedAt,
    string? Outcome,
    DateOnly? RecontactOn,
    string? SignpostedTo,
    string? MentorId,
    DateTime? MatchedAt,
    DateTime? LastCheckInAt,
    DateTime? ClosedAt,
    string? ClosureReason,
    string WorkflowStatus,
    IReadOnlyList<ScheduledItem> Scheduled,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<Match> Matches)
{
    public static async Task<ReferralView?> LoadAsync(string id, ApiServices services, CancellationToken cancellationToken) =>
        (await services.Store.Referrals.GetAsync(id, "", cancellationToken))?.Value is { } referral ? await ForAsync(referral, services, cancellationToken) : null;

    /// <summary>The view of a referral already read: its workflow's status, timeline and matches.</summary>
    public static async Task<ReferralView> ForAsync(Referral referral, ApiServices services, CancellationToken cancellationToken)
    {
        var id = referral.Id;
        var workflow = await services.Workflows.GetWorkflowAsync(id, cancellationToken);
        var plan = await services.Store.Schedule.GetAsync(referral.SchemeId, id, cancellationToken);
        var timeline = await services.Store.Timeline.PartitionAsync(id, cancellationToken);
        var matches = await services.Store.Matches.PartitionAsync(id, cancellationToken);
        return new ReferralView(
            referral.Id, referral.Reference, referral.SchemeId, referral.Stage.ToString(), referral.Urgent, referral.Kind.ToString(),
            referral.ReferrerSector?.ToString(), referral.ReceivedAt, referral.AssessmentDueAt, referral.FirstContactAt, referral.AssessedAt, referral.Outcome?.ToString(),
            referral.RecontactOn, referral.SignpostedTo, referral.MentorId, referral.MatchedAt, referral.LastCheckInAt,
            referral.ClosedAt, referral.ClosureReason,
            workflow?.RuntimeStatus.ToString() ?? "Unknown",
            workflow?.IsRunning == true && plan is not null ? [.. plan.Next.Select(i => new ScheduledItem(i.Kind, i.DueAt))] : [],
            [.. timeline.Select(t => t.Value).OrderBy(t => t.At)],
            [.. matches.Select(m => m.Value).OrderBy(m => m.ProposedAt)]);
    }

}
