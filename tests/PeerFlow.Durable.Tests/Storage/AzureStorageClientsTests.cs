using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using PeerFlow.Durable.Storage.Azure;

namespace PeerFlow.Durable.Tests.Storage;

public sealed class AzureStorageClientsTests : IAsyncLifetime
{
    private readonly string taskHub = AzuriteStorage.NewTaskHub();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => AzuriteStorage.DeleteTaskHubAsync(taskHub);

    [Fact]
    public async Task The_configure_hook_reaches_all_three_clients()
    {
        var counter = new CountingPolicy();
        var clients = AzureStorageClients.FromConnectionString(AzuriteStorage.ConnectionString, o => o.AddPolicy(counter, HttpPipelinePosition.PerCall));

        await new AzureInstanceStore(clients, taskHub).EnsureCreatedAsync(CancellationToken.None);
        await new AzureWorkQueue(clients, taskHub).EnsureCreatedAsync(CancellationToken.None);

        // Four tables, one container, one queue.
        Assert.Equal(6, counter.Requests.Values.Sum());
        Assert.Equal(3, counter.Requests.Count);
    }

    private sealed class CountingPolicy : HttpPipelineSynchronousPolicy
    {
        public ConcurrentDictionary<int, int> Requests { get; } = new();

        public override void OnSendingRequest(HttpMessage message) => Requests.AddOrUpdate(message.Request.Uri.Port, 1, (_, n) => n + 1);
    }
}
