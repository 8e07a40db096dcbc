using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using PeerFlow.Orchestrations.Activities;

namespace PeerFlow.Orchestrations.Tests;

/// <summary>The retention schedule under virtual time: once a day at 03:00 London, in winter and in summer time, and on after a failed day.</summary>
public class RetentionScheduleTests
{
    [Fact]
    public async Task RetentionRunsEveryDayAt3InTheMorningLondonTime_AndCarriesOnAfterADayThatFailed()
    {
        var runs = new RecordingRetention();
        await using var host = await WorkflowTestHost.StartAsync(
            r => r.AddRetention(),
            services => services.AddSingleton<IRetentionRun>(runs),
            new DateTimeOffset(2027, 3, 26, 10, 0, 0, TimeSpan.Zero));
        runs.Clock = host.Clock;
        runs.FailOn = new DateOnly(2027, 3, 28); // every attempt that day fails, so the activity runs out of retries

        await host.StartAsync(RetentionSchedule.Name, null, RetentionSchedule.InstanceId);
        await host.AdvanceToAsync(new DateTimeOffset(2027, 3, 27, 2, 59, 0, TimeSpan.Zero));
        Assert.Empty(runs.Succeeded);

        // British summer time starts on 28 March 2027: 03:00 London is 03:00 UTC before, 02:00 UTC after.
        await host.AdvanceToAsync(new DateTimeOffset(2027, 3, 30, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(
            ["2027-03-27T03:00", "2027-03-29T02:00", "2027-03-30T02:00"],
            runs.Succeeded.Select(at => LifecycleHarness.Minute(at).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture)));
        Assert.True(runs.Failures > 1, "The failed day's run is retried before it is given up.");
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.GetStatusAsync(RetentionSchedule.InstanceId)).RuntimeStatus);
    }

    private sealed class RecordingRetention : IRetentionRun
    {
        private readonly ConcurrentQueue<DateTime> succeeded = new();
        private int failures;

        public TimeProvider? Clock { get; set; }

        public DateOnly? FailOn { get; set; }

        public IReadOnlyList<DateTime> Succeeded => [.. succeeded];

        public int Failures => failures;

        public Task<RetentionOutcome> RunAsync(CancellationToken cancellationToken)
        {
            var now = Clock!.GetUtcNow().UtcDateTime;
            if (DateOnly.FromDateTime(now) == FailOn)
            {
                Interlocked.Increment(ref failures);
                throw new InvalidOperationException("Storage is down.");
            }

            succeeded.Enqueue(now);
            return Task.FromResult(new RetentionOutcome(1, 0, 0));
        }
    }
}
