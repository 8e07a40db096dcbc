using Microsoft.Extensions.Time.Testing;
using PeerFlow.Durable.Storage;
using PeerFlow.Durable.Storage.Memory;

namespace PeerFlow.Durable.Tests.Storage;

public sealed class MemoryWorkQueueTests : WorkQueueContract
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Next_visible_at_is_when_the_first_hidden_message_shows()
    {
        var queue = (MemoryWorkQueue)Queue;
        Assert.Null(queue.NextVisibleAt);
        await queue.SendAsync("a", TimeSpan.FromSeconds(90.7), None);
        await queue.SendAsync("b", TimeSpan.FromMinutes(5), None);
        await queue.SendAsync("c", TimeSpan.Zero, None);

        // Whole seconds, as the storage service counts them; visible messages do not count.
        Assert.Equal(time.GetUtcNow().AddSeconds(90), queue.NextVisibleAt);

        var c = Assert.Single(await queue.ReceiveAsync(10, TimeSpan.FromSeconds(30), None));
        Assert.Equal(time.GetUtcNow().AddSeconds(30), queue.NextVisibleAt);
        await queue.DeleteAsync(c, None);
        Assert.Equal(time.GetUtcNow().AddSeconds(90), queue.NextVisibleAt);
    }

    protected override Task<IWorkQueue> CreateQueueAsync() => Task.FromResult<IWorkQueue>(new MemoryWorkQueue(time));

    protected override Task PassAsync(TimeSpan time)
    {
        this.time.Advance(time);
        return Task.CompletedTask;
    }
}
