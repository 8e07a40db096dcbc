using Microsoft.DurableTask;
using Microsoft.DurableTask.Abstractions;
using PeerFlow.Domain.Records;
using P = Microsoft.DurableTask.Protobuf;

namespace PeerFlow.Orchestrations.Tests.Replay;

/// <summary>
/// The versioning rule on the engine itself: instances are stamped with the current version, an instance from before
/// versioning moves to it at its next generation, the replay check catches the change that failed 47 waiting
/// referrals (one extra timer in the assessment stage), and the same change behind a version check passes it.
/// </summary>
public sealed class VersioningTests
{
    // Monday 2 November 2026, 10:00 UTC: the assessment reminder, deadline and escalation fall in the next weeks.
    private static readonly DateTimeOffset Monday = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task NewInstances_AreStampedWithTheCurrentVersion()
    {
        await using var h = await LifecycleHarness.StartAsync(Monday);
        var id = await h.ReferAsync();

        var first = h.Host.Recorder.Turns.Single(t => t.Request.InstanceId == id);

        Assert.Equal(WorkflowVersion.Current, first.Version);
    }

    [Fact]
    public async Task AnInstanceFromBeforeVersioning_TakesTheCurrentVersion_AtItsNextGeneration()
    {
        await using var h = await LifecycleHarness.StartAsync(Monday);
        var id = await h.ReferAsync(version: "");
        await h.AddMentorAsync("m1");

        await h.AssessAsync(id, AssessmentOutcome.Suitable);

        var versions = h.Host.Recorder.Turns.Where(t => t.Request.InstanceId == id).Select(t => (t.Version, t.Stage)).ToList();
        Assert.Contains(("", ReferralStage.Assessment), versions);
        Assert.Contains((WorkflowVersion.Current, ReferralStage.Matching), versions);
    }

    [Fact]
    public async Task AnExtraTimerInTheAssessmentStage_FailsTheReplayOfAWaitingReferral()
    {
        var waiting = await RecordAssessmentThatFiredItsReminderAsync();

        var answer = Replayer.Replay(waiting, new ChangedLifecycle(versioned: false));

        var end = Assert.Single(answer.Actions, a => a.CompleteOrchestration is not null).CompleteOrchestration;
        Assert.Equal(P.OrchestrationStatus.Failed, end.OrchestrationStatus);
        Assert.Contains("NonDeterministic", end.FailureDetails.ErrorType, StringComparison.Ordinal);
        Assert.NotEqual(waiting.Shape, Replayer.ShapeOf(waiting, answer));
    }

    [Fact]
    public async Task TheSameTimer_BehindAVersionCheck_ReplaysTheOldHistoryUnchanged()
    {
        var waiting = await RecordAssessmentThatFiredItsReminderAsync();

        var answer = Replayer.Replay(waiting, new ChangedLifecycle(versioned: true));

        Assert.Equal(waiting.Shape, Replayer.ShapeOf(waiting, answer));
    }

    private static async Task<RecordedTurn> RecordAssessmentThatFiredItsReminderAsync()
    {
        await using var h = await LifecycleHarness.StartAsync(Monday);
        var id = await h.ReferAsync();
        await h.Host.AdvanceAsync(TimeSpan.FromDays(12));
        var turn = h.Host.Recorder.Turns.Single(t => t.Request.InstanceId == id && t.Stage == ReferralStage.Assessment);
        Assert.True(turn.Request.PastEvents.Concat(turn.Request.NewEvents).Any(e => e.TimerFired is not null), turn.Shape);
        return turn;
    }

    /// <summary>Today's lifecycle with a timer before everything else, as a careless release would add it.</summary>
    private sealed class ChangedLifecycle(bool versioned) : TaskOrchestrator<LifecycleState, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, LifecycleState input)
        {
            if (!versioned || TaskOrchestrationVersioningUtils.CompareVersions(context.Version, "2") >= 0)
            {
                await context.CreateTimer(context.CurrentUtcDateTime.AddMinutes(1), CancellationToken.None);
            }

            return await new ReferralLifecycle().RunAsync(context, input);
        }
    }
}
