using System.Globalization;
using Microsoft.DurableTask;
using PeerFlow.Domain.Calendar;

namespace PeerFlow.Orchestrations;

/// <summary>
/// One eternal instance (<see cref="InstanceId"/>) that looks at mentors' DBS checks and training every morning at
/// 08:00 London and tells coordinators what runs out in 30 days or today.
/// </summary>
public sealed class MentorCheckSchedule : StandingSchedule<string>
{
    public const string Name = nameof(MentorCheckSchedule);

    public const string InstanceId = "mentor-check-schedule";

    public static readonly TimeOnly At = new(8, 0);

    protected override string Item => "mentor-checks";

    protected override DateTime NextRunUtc(DateTime utc) => DailyRun.NextRunUtc(utc, At);

    protected override async Task<string> RunDueAsync(TaskOrchestrationContext context, DateTime runAt)
    {
        var day = DailyRun.Day(runAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        try
        {
            await context.CallActivityAsync<int>(ActivityNames.AlertMentorChecks, day, Retries.Storage);
        }
        catch (TaskFailedException)
        {
            // Storage down past the retries: tomorrow's run finds the same checks due (nothing told is told twice).
        }

        return day;
    }
}
