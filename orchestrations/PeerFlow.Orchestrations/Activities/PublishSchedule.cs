using Microsoft.DurableTask;
using PeerFlow.Domain.Storage;
using PeerFlow.Domain.Workflow;

namespace PeerFlow.Orchestrations.Activities;

/// <summary>Writes a referral's plan to the schedule board; a closed referral has none, so its row goes for good.</summary>
public sealed class PublishSchedule(PeerFlowStore store, TimeProvider time) : TaskActivity<ScheduleUpdate, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ScheduleUpdate update)
    {
        if (update.Stage == "closed")
        {
            await store.Schedule.CloseAsync(update.SchemeId, update.ReferralId, update.PlannedAt, CancellationToken.None);
            return false;
        }

        return await store.Schedule.SetAsync(
            new ScheduleRow(update.ReferralId, update.SchemeId, update.Stage, update.DueAt, [.. update.Next.Select(i => new ScheduleItem(i.Kind, i.DueAt))], time.GetUtcNow().UtcDateTime),
            update.PlannedAt,
            CancellationToken.None);
    }
}
