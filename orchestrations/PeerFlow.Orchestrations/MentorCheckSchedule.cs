using System.Globalization;
using Microsoft.DurableTask;
using PeerFlow.Domain.Calendar;

namespace PeerFlow.Orchestrations;

/// <summary>
/// One eternal instance (<see cref="InstanceId"/>) that looks at mentors' DBS checks and training every morning at
/// 08:00 London and tells coordinators what runs out in 30 days or today: a durable timer to the next run, the
/// activity, then a new generation for the next day.
/// </summary>
public sealed class MentorCheckSchedule : TaskOrchestrator<string?, string>
{
    public const string Name = nameof(MentorCheckSchedule);

    public const string InstanceId = "mentor-check-schedule";

    public static readonly TimeOnly At = new(8, 0);

    public override async Task<string> RunAsync(TaskOrchestrationContext context, string? input)
    {
        // As the monthly schedule: the last run's time comes in, so a timer firing a fraction early never runs a day twice.
        var after = context.CurrentUtcDateTime;
        if (input is not null && DateTime.TryParse(input, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var lastRun) && lastRun > after)
        {
            after = lastRun;
        }

        var runAt = DailyRun.NextRunUtc(after, At);
        context.SetCustomStatus(new LifecycleStatus("scheduled", [new ScheduledItem("mentor-checks", runAt)]));
        await context.CreateTimer(runAt, CancellationToken.None);
        var day = DailyRun.Day(runAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await context.CallActivityAsync<int>(ActivityNames.AlertMentorChecks, day, Retries.Storage);
        WorkflowVersion.ContinueAsNew(context, runAt.ToString("O", CultureInfo.InvariantCulture));
        return day;
    }
}
