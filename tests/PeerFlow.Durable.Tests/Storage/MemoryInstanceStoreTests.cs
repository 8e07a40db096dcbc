using PeerFlow.Durable.Storage;
using PeerFlow.Durable.Storage.Memory;

namespace PeerFlow.Durable.Tests.Storage;

public sealed class MemoryInstanceStoreTests : InstanceStoreContract
{
    private readonly MemoryInstanceStore store = new();

    [Fact]
    public async Task Earliest_timer_is_the_first_scheduled_one_still_there()
    {
        Assert.Null(store.EarliestTimer);
        var first = new TimerEntry("a", 0, 1, T0.AddDays(3));
        await store.ScheduleTimerAsync(new TimerEntry("b", 0, 1, T0.AddDays(9)), None);
        await store.ScheduleTimerAsync(first, None);
        Assert.Equal(T0.AddDays(3), store.EarliestTimer);

        await store.DeleteTimerAsync(first, None);
        Assert.Equal(T0.AddDays(9), store.EarliestTimer);
    }

    protected override Task<IInstanceStore> CreateStoreAsync() => Task.FromResult<IInstanceStore>(store);

    protected override Task<IReadOnlyList<(int Generation, int Episode)>> StoredHistoryRowsAsync(string instanceId) =>
        Task.FromResult(store.HistoryRows(instanceId));
}
