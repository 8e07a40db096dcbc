using PeerFlow.Durable.Storage;

namespace PeerFlow.Durable.Tests.Storage;

/// <summary>What every <see cref="IWorkQueue"/> must do, run against each implementation by a small subclass.</summary>
public abstract class WorkQueueContract : IAsyncLifetime
{
    protected IWorkQueue Queue { get; private set; } = null!;

    protected static CancellationToken None => CancellationToken.None;

    public async Task InitializeAsync() => Queue = await CreateQueueAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<IWorkQueue> CreateQueueAsync();

    /// <summary>Lets <paramref name="time"/> go by: really, or on a fake clock.</summary>
    protected abstract Task PassAsync(TimeSpan time);

    [Fact]
    public async Task Sent_messages_are_received_once_and_deleted()
    {
        await Queue.SendAsync("a", TimeSpan.Zero, None);
        await Queue.SendAsync("b:0:1", TimeSpan.Zero, None);
        Assert.Equal(2, await Queue.ApproximateCountAsync(None));

        var received = await Queue.ReceiveAsync(10, TimeSpan.FromMinutes(1), None);

        Assert.Equal(["a", "b:0:1"], received.Select(i => i.InstanceId).Order());
        Assert.All(received, i => Assert.Equal(1, i.DequeueCount));
        Assert.Empty(await Queue.ReceiveAsync(10, TimeSpan.FromMinutes(1), None));
        foreach (var item in received)
        {
            await Queue.DeleteAsync(item, None);
            await Queue.DeleteAsync(item, None);
        }

        Assert.Equal(0, await Queue.ApproximateCountAsync(None));
    }

    [Fact]
    public async Task Receive_takes_at_most_the_number_asked_for()
    {
        for (var i = 0; i < 5; i++)
        {
            await Queue.SendAsync($"i{i}", TimeSpan.Zero, None);
        }

        Assert.Equal(3, (await Queue.ReceiveAsync(3, TimeSpan.FromMinutes(1), None)).Count);
        Assert.Equal(2, (await Queue.ReceiveAsync(3, TimeSpan.FromMinutes(1), None)).Count);
    }

    [Fact]
    public async Task A_delayed_message_is_not_visible_before_its_delay()
    {
        await Queue.SendAsync("a", TimeSpan.FromSeconds(2), None);
        Assert.Empty(await Queue.ReceiveAsync(10, TimeSpan.FromMinutes(1), None));

        await PassAsync(TimeSpan.FromSeconds(2));

        Assert.Equal("a", Assert.Single(await Queue.ReceiveAsync(10, TimeSpan.FromMinutes(1), None)).InstanceId);
    }

    [Fact]
    public async Task The_longest_delay_is_accepted_and_longer_ones_are_clamped()
    {
        Assert.Equal(TimeSpan.FromDays(7), Queue.MaxDelay);
        await Queue.SendAsync("a", Queue.MaxDelay, None);
        await Queue.SendAsync("b", TimeSpan.FromDays(30), None);
        await Queue.SendAsync("c", TimeSpan.FromSeconds(-5), None);

        Assert.Equal("c", Assert.Single(await Queue.ReceiveAsync(10, TimeSpan.FromMinutes(1), None)).InstanceId);
        Assert.Equal(3, await Queue.ApproximateCountAsync(None));
    }

    [Fact]
    public async Task A_message_not_deleted_comes_back_after_its_visibility_timeout_with_a_higher_dequeue_count()
    {
        await Queue.SendAsync("a", TimeSpan.Zero, None);
        var first = Assert.Single(await Queue.ReceiveAsync(1, TimeSpan.FromSeconds(1), None));
        Assert.Equal(1, first.DequeueCount);
        Assert.Empty(await Queue.ReceiveAsync(1, TimeSpan.FromSeconds(1), None));

        await PassAsync(TimeSpan.FromSeconds(1));

        var second = Assert.Single(await Queue.ReceiveAsync(1, TimeSpan.FromMinutes(1), None));
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(2, second.DequeueCount);

        // The first delivery's receipt is stale: deleting with it must not remove the message.
        await Queue.DeleteAsync(first, None);
        Assert.Equal(1, await Queue.ApproximateCountAsync(None));
        await Queue.DeleteAsync(second, None);
        Assert.Equal(0, await Queue.ApproximateCountAsync(None));
    }
}
