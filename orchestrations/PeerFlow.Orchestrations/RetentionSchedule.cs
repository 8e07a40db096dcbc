using System.Globalization;
using Microsoft.DurableTask;
using PeerFlow.Domain.Calendar;
using PeerFlow.Orchestrations.Activities;

namespace PeerFlow.Orchestrations;

/// <summary>
/// One eternal instance (<see cref="InstanceId"/>) that applies each scheme's retention periods every day at
/// <see cref="DailyRun.RetentionAt"/> London time; ids and counts only in its history.
/// </summary>
public sealed class RetentionSchedule : StandingSchedule<RetentionOutcome>
{
    public const string Name = nameof(RetentionSchedule);

    public const string InstanceId = "retention-schedule";

    protected override string Item => "retention";

    protected override DateTime NextRunUtc(DateTime utc) => DailyRun.NextRunUtc(utc, DailyRun.RetentionAt);

    protected override async Task<RetentionOutcome> RunDueAsync(TaskOrchestrationContext context, DateTime runAt)
    {
        try
        {
            return await context.CallActivityAsync<RetentionOutcome>(ActivityNames.ApplyRetention, runAt.ToString("O", CultureInfo.InvariantCulture), Retries.Storage);
        }
        catch (TaskFailedException)
        {
            // A day whose run failed after its retries (storage down for hours) leaves its erasures to tomorrow's run,
            // which reads the same schedule: the schedule itself carries on rather than failing for good.
            return new RetentionOutcome(0, 0, 0);
        }
    }
}
