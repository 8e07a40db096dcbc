using PeerFlow.Domain.Records;
using PeerFlow.Orchestrations.Delivery;

namespace PeerFlow.Orchestrations.Tests.Replay;

/// <summary>
/// Every checked-in history, from every workflow version that may still have instances waiting, replays on today's
/// code and makes the same calls it made when recorded. A change of a workflow's shape without a new version (and the
/// old path kept behind it) fails here, in CI, instead of failing every waiting referral after the deploy.
/// </summary>
public sealed class ReplayTests
{
    public static TheoryData<string> Histories() => [.. HistoryLibrary.Files()];

    [Theory]
    [MemberData(nameof(Histories))]
    public void RecordedHistory_ReplaysOnTodaysCode_MakingTheSameCalls(string file)
    {
        var turn = HistoryLibrary.Load(file);

        var answer = Replayer.Replay(turn);

        Assert.Equal(turn.Shape, Replayer.ShapeOf(turn, answer));
    }

    [Theory]
    [InlineData(ReferralLifecycle.Name)]
    [InlineData(NoticeDelivery.Name)]
    [InlineData(MonthlyReportSchedule.Name)]
    [InlineData(RetentionSchedule.Name)]
    [InlineData(MentorCheckSchedule.Name)]
    [InlineData(CoordinatorDigestSchedule.Name)]
    public void EveryWorkflow_HasRecordedHistories_OfTheCurrentVersion(string orchestrator)
    {
        var current = HistoryLibrary.Files(WorkflowVersion.Current, orchestrator);

        // A new version comes with its histories: `./peerflow record-histories` (docs/workflow-versions.md).
        Assert.NotEmpty(current);
        Assert.All(current, f => Assert.Equal(WorkflowVersion.Current, HistoryLibrary.Load(f).Version));
    }

    [Fact]
    public void TheLifecyclesHistories_CoverEveryStage_FromIntakeToClosure()
    {
        var lifecycle = HistoryLibrary.Files(WorkflowVersion.Current, ReferralLifecycle.Name)
            .Select(HistoryLibrary.Load)
            .ToList();

        Assert.Superset(
            new HashSet<ReferralStage> { ReferralStage.Assessment, ReferralStage.Deferred, ReferralStage.Matching, ReferralStage.Active },
            lifecycle.Select(t => t.Stage).ToHashSet());
        // Closure runs in the generation of the stage it ends (a Closing generation only follows a restart).
        Assert.Contains(lifecycle, t => t.Shape.Contains("called " + ActivityNames.CloseReferral, StringComparison.Ordinal) && t.Shape.Contains("end Completed", StringComparison.Ordinal));
    }
}
