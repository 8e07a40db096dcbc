using PeerFlow.LocalEngine.Clock;

namespace PeerFlow.LocalEngine.Tests;

public sealed class WorkInFlightTests
{
    [Fact]
    public async Task A_new_generation_that_schedules_work_never_looks_idle_on_the_way()
    {
        var inFlight = new WorkInFlight();
        inFlight.ActivityScheduled("r1", 4);
        var waiter = inFlight.WhenIdleAsync(CancellationToken.None);
        var idleBefore = inFlight.TimesIdle;

        // ContinueAsNew: the old generation's activity is done with, and the new one has scheduled its first.
        inFlight.NewGeneration("r1", [0]);

        Assert.Equal(idleBefore, inFlight.TimesIdle); // waiters were not released in between
        Assert.False(inFlight.IsIdle);
        inFlight.ActivityDelivered("r1", 0);
        await waiter.WaitAsync(TimeSpan.FromMinutes(1)); // continuations run on the thread pool: wait for it, bounded
        Assert.True(inFlight.IsIdle);
    }

    [Fact]
    public void A_message_sent_to_an_instance_counts_until_an_episode_takes_it()
    {
        var inFlight = new WorkInFlight();
        inFlight.MessageSent("r1");
        inFlight.MessageSent("r1");

        inFlight.MessageDelivered("r1");
        Assert.False(inFlight.IsIdle);
        inFlight.MessageDelivered("r1");
        Assert.True(inFlight.IsIdle);
    }
}
