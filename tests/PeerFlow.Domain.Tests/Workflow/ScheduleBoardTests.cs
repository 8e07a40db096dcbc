using PeerFlow.Domain.Tests.Email;
using PeerFlow.Domain.Workflow;

namespace PeerFlow.Domain.Tests.Workflow;

/// <summary>
/// The schedule board on Azurite, when the engine runs a plan's publish again after the workflow has moved on (a crash
/// run saw a stale assessment reminder put back that way, and reported it as not done).
/// </summary>
public sealed class ScheduleBoardTests
{
    private static readonly DateTime Planned = new(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_plan_made_earlier_never_overwrites_one_made_later_and_a_repeat_of_the_same_one_writes()
    {
        var prefix = TestStorage.NewPrefix();
        try
        {
            var table = TestStorage.Tables.GetTableClient(prefix + "Schedule");
            await table.CreateIfNotExistsAsync();
            var board = new ScheduleBoard(table);
            var assessing = Row("assessment", new ScheduleItem("assessment-reminder", Planned.AddDays(1)));
            var matching = Row("matching", new ScheduleItem("match-wait-escalation", Planned.AddDays(10)));

            Assert.True(await board.SetAsync(assessing, Planned, CancellationToken.None));
            Assert.True(await board.SetAsync(matching, Planned.AddMinutes(5), CancellationToken.None));

            // The first publish, run again late.
            Assert.False(await board.SetAsync(assessing, Planned, CancellationToken.None));
            var stored = await board.GetAsync("foster-mentoring", "r1", CancellationToken.None);
            Assert.Equal("matching", stored!.Stage);
            Assert.Equal("match-wait-escalation", Assert.Single(stored.Next).Kind);
            Assert.Empty(await board.DueByAsync(Planned.AddDays(2), ["foster-mentoring"], CancellationToken.None));

            // The same plan again, and a publish that carries no time (sent before the time was added), both write.
            Assert.True(await board.SetAsync(matching with { Stage = "matching-again" }, Planned.AddMinutes(5), CancellationToken.None));
            Assert.Equal("matching-again", (await board.GetAsync("foster-mentoring", "r1", CancellationToken.None))!.Stage);
            Assert.True(await board.SetAsync(assessing, null, CancellationToken.None));
            Assert.Equal("assessment", (await board.GetAsync("foster-mentoring", "r1", CancellationToken.None))!.Stage);
        }
        finally
        {
            await TestStorage.DeleteAsync(prefix);
        }
    }

    /// <summary>
    /// A plan made before the referral closed, run again after its row went, stays gone: otherwise a closed referral
    /// would sit in the alerts as overdue for ever. Erasure takes the closed marker too.
    /// </summary>
    [Fact]
    public async Task A_plan_made_before_the_referral_closed_never_puts_its_row_back()
    {
        var prefix = TestStorage.NewPrefix();
        try
        {
            var table = TestStorage.Tables.GetTableClient(prefix + "Schedule");
            await table.CreateIfNotExistsAsync();
            var board = new ScheduleBoard(table);
            var active = Row("active", new ScheduleItem("checkin-reminder", Planned.AddDays(1)));
            Assert.True(await board.SetAsync(active, Planned, CancellationToken.None));

            await board.CloseAsync("foster-mentoring", "r1", Planned.AddMinutes(5), CancellationToken.None);
            Assert.Null(await board.GetAsync("foster-mentoring", "r1", CancellationToken.None));

            // The plan made before closing, run again late.
            Assert.False(await board.SetAsync(active, Planned, CancellationToken.None));
            Assert.Null(await board.GetAsync("foster-mentoring", "r1", CancellationToken.None));
            Assert.Empty(await board.DueByAsync(Planned.AddDays(2), ["foster-mentoring"], CancellationToken.None));

            await board.DeleteAsync("foster-mentoring", "r1", CancellationToken.None);
            Assert.Empty(table.Query<Azure.Data.Tables.TableEntity>(e => e.RowKey == "r1"));
        }
        finally
        {
            await TestStorage.DeleteAsync(prefix);
        }
    }

    private static ScheduleRow Row(string stage, ScheduleItem next) =>
        new("r1", "foster-mentoring", stage, next.DueAt, [next], Planned);
}
