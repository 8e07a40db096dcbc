using Azure.Storage.Queues;
using PeerFlow.Durable.Storage;
using PeerFlow.Durable.Storage.Azure;

namespace PeerFlow.Durable.Tests.Storage;

public sealed class AzureWorkQueueTests : WorkQueueContract
{
    private readonly string taskHub = AzuriteStorage.NewTaskHub();

    public override Task DisposeAsync() => AzuriteStorage.DeleteTaskHubAsync(taskHub);

    [Fact]
    public async Task Messages_are_base64_json_as_the_functions_host_expects()
    {
        await Queue.SendAsync("a\"b", TimeSpan.Zero, None);

        var raw = Assert.Single((await RawQueue().ReceiveMessagesAsync(1)).Value);
        Assert.Equal("{\"id\":\"a\\u0022b\"}", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(raw.Body.ToString())));
    }

    [Fact]
    public async Task Unreadable_messages_come_back_with_no_instance_id_so_they_can_be_discarded()
    {
        await RawQueue().SendMessageAsync("not base64 at all!");
        await RawQueue().SendMessageAsync(Convert.ToBase64String("{\"no\":1}"u8));
        await RawQueue().SendMessageAsync(Convert.ToBase64String("plain"u8));
        await Queue.SendAsync("a", TimeSpan.Zero, None);

        var received = await Queue.ReceiveAsync(10, TimeSpan.FromMinutes(1), None);

        Assert.Equal(["", "", "", "a"], received.Select(i => i.InstanceId).Order());
        foreach (var item in received)
        {
            await Queue.DeleteAsync(item, None);
        }

        Assert.Equal(0, await Queue.ApproximateCountAsync(None));
    }

    protected override async Task<IWorkQueue> CreateQueueAsync()
    {
        var queue = new AzureWorkQueue(AzuriteStorage.Clients, taskHub);
        await queue.EnsureCreatedAsync(None);
        return queue;
    }

    /// <summary>The service counts whole seconds; a little slack keeps the test off the boundary.</summary>
    protected override Task PassAsync(TimeSpan time) => Task.Delay(time + TimeSpan.FromMilliseconds(500));

    /// <summary>The same queue without Base64, to see and send what is really on the wire.</summary>
    private QueueClient RawQueue() => new(AzuriteStorage.ConnectionString, taskHub.ToLowerInvariant() + "-work");
}
