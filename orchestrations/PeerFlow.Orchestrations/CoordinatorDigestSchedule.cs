using System.Globalization;
using Microsoft.DurableTask;
using PeerFlow.Domain.Calendar;
using PeerFlow.Domain.Notices;

namespace PeerFlow.Orchestrations;

/// <summary>
/// One eternal instance (<see cref="InstanceId"/>) that sends each coordinator, at 09:00 London, one email listing what
/// was held for it since the last (<see cref="CoordinatorDigest"/>).
/// </summary>
public sealed class CoordinatorDigestSchedule : StandingSchedule<string>
{
    public const string Name = nameof(CoordinatorDigestSchedule);

    public const string InstanceId = "coordinator-digest-schedule";

    protected override string Item => "coordinator-digests";

    protected override DateTime NextRunUtc(DateTime utc) => CoordinatorDigest.NextUtc(utc);

    protected override async Task<string> RunDueAsync(TaskOrchestrationContext context, DateTime runAt)
    {
        var day = DailyRun.Day(runAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        try
        {
            await context.CallActivityAsync<int>(ActivityNames.SendCoordinatorDigests, day, Retries.Storage);
        }
        catch (TaskFailedException)
        {
            // Storage down past the retries: what was held stays held, and tomorrow's digest carries it.
        }

        return day;
    }
}
