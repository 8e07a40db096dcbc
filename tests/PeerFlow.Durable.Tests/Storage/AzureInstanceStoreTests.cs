using System.Globalization;
using Azure;
using Azure.Data.Tables;
using PeerFlow.Durable.History;
using PeerFlow.Durable.Storage;
using PeerFlow.Durable.Storage.Azure;

namespace PeerFlow.Durable.Tests.Storage;

/// <summary>The contract on Azurite, plus what only the table layout can show.</summary>
public sealed class AzureInstanceStoreTests : InstanceStoreContract
{
    private readonly string taskHub = AzuriteStorage.NewTaskHub();

    private TableClient HistoryTable => AzuriteStorage.Clients.Tables.GetTableClient(taskHub + "History");

    public override Task DisposeAsync() => AzuriteStorage.DeleteTaskHubAsync(taskHub);

    [Fact]
    public async Task A_commit_is_atomic_when_its_last_operation_fails()
    {
        await Store.CreateAsync(NewInstance("a"), None);
        await Store.AddInboxAsync("a", Message("m1", 1), None);
        var before = await LoadAsync("a");

        // The last operation deletes an inbox row that does not exist: the whole transaction must roll back.
        await Assert.ThrowsAnyAsync<RequestFailedException>(() =>
            Store.TryCommitAsync(Commit(before.State with { Episodes = 1, Status = OrchestrationRuntimeStatus.Running }, 0, 0, Episode0, "m1", "missing"), None));

        var after = await LoadAsync("a");
        Assert.Equal(before.State.ETag, after.State.ETag);
        Assert.Equal((OrchestrationRuntimeStatus.Pending, 0), (after.State.Status, after.State.Episodes));
        Assert.Empty(after.History!);
        Assert.Equal(["m1"], after.Inbox.Select(m => m.Id));
        Assert.Empty(await StoredHistoryRowsAsync("a"));
    }

    [Fact]
    public async Task A_commit_returns_the_etag_the_state_row_now_has()
    {
        await Store.CreateAsync(NewInstance("a"), None);
        var state = (await LoadAsync("a")).State;

        var etag = await Store.TryCommitAsync(Commit(state with { Episodes = 1 }, 0, 0, Episode0), None);

        // Read from the transaction's sub-response; without it the store would have to return a placeholder.
        Assert.NotEqual(AzureInstanceStore.UnknownETag, etag);
        var row = await HistoryTable.GetEntityAsync<TableEntity>("a", "state");
        Assert.Equal(row.Value.ETag.ToString(), etag);
        Assert.NotNull(await Store.TryCommitAsync(Commit(state with { Episodes = 2, ETag = etag }, 0, 1, Episode1), None));
    }

    [Fact]
    public async Task Rows_are_laid_out_as_documented()
    {
        await Store.CreateAsync(NewInstance("a") with { Attributes = new Dictionary<string, string> { ["scheme"] = "s" } }, None);
        await Store.AddInboxAsync("a", Message("m1", 42), None);
        var state = (await LoadAsync("a")).State;
        await Store.TryCommitAsync(Commit(state with { Episodes = 1, Status = OrchestrationRuntimeStatus.Running, Generation = 3 }, 2, 5, Episode0), None);

        var rows = new Dictionary<string, TableEntity>();
        await foreach (var row in HistoryTable.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"a"}")))
        {
            rows.Add(row.RowKey, row);
        }

        Assert.Equal(["h:000002:00000005", "m:m1", "state"], rows.Keys);
        Assert.Equal("Running", rows["state"].GetString("Status"));
        Assert.Equal(3, rows["state"].GetInt32("Generation"));
        Assert.Equal("{\"scheme\":\"s\"}", rows["state"].GetString("Attributes"));
        Assert.Equal(T0, rows["state"].GetDateTimeOffset("CreatedAt")?.UtcDateTime);
        Assert.Equal(Episode0, HistorySerializer.Deserialize(rows["h:000002:00000005"].GetString("Events")!));
        Assert.Equal(42L, rows["m:m1"].GetInt64("Sequence"));
    }

    [Fact]
    public async Task Large_values_live_in_blobs_and_an_unchanged_one_is_written_once()
    {
        await Store.CreateAsync(NewInstance("a", input: Big('i')), None);
        var state = (await LoadAsync("a")).State;
        Assert.Equal(1, await StoredBlobCountAsync("a"));
        for (var episode = 0; episode < 3; episode++)
        {
            state = state with { Episodes = episode + 1, ETag = await Store.TryCommitAsync(Commit(state with { Episodes = episode + 1 }, 0, episode, Episode1), None) };
        }

        Assert.Equal(1, await StoredBlobCountAsync("a"));
        var stateRow = (await HistoryTable.GetEntityAsync<TableEntity>("a", "state")).Value;
        Assert.Null(stateRow.GetString("Input"));
        Assert.StartsWith("a/", stateRow.GetString("InputBlob"), StringComparison.Ordinal);

        // An episode's events too long for a row go to a blob of their own, removed with the old generation.
        List<HistoryEvent> big = [new TaskScheduled("Send", Big('e')) { Timestamp = T0 }];
        var next = state with { Generation = 1, Episodes = 0 };
        next = next with { ETag = await Store.TryCommitAsync(Commit(next, 0, 3, big), None) };
        Assert.Equal(2, await StoredBlobCountAsync("a"));
        await Store.DeleteOldGenerationsAsync("a", 1, None);
        Assert.Equal(1, await StoredBlobCountAsync("a"));
    }

    [Fact]
    public async Task A_conflicting_commit_leaves_no_blob_behind()
    {
        await Store.CreateAsync(NewInstance("a"), None);
        var state = (await LoadAsync("a")).State;
        Assert.NotNull(await Store.TryCommitAsync(Commit(state with { Episodes = 1 }, 0, 0, Episode0), None));

        List<HistoryEvent> big = [new TaskScheduled("Send", Big('e')) { Timestamp = T0 }];
        Assert.Null(await Store.TryCommitAsync(Commit(state with { Episodes = 1 }, 0, 0, big), None));
        await Store.AddInboxAsync("a", Message("m1", 1, Big('p')), None);
        await Store.AddInboxAsync("a", Message("m1", 1, Big('q')), None);

        Assert.Equal(1, await StoredBlobCountAsync("a"));
        Assert.Equal(Big('p'), Assert.Single((await LoadAsync("a")).Inbox).Payload);
    }

    [Fact]
    public async Task Reads_that_span_pages_give_the_same_snapshot()
    {
        var paged = new AzureInstanceStore(AzuriteStorage.Clients, taskHub) { PartitionPageSize = 2 };
        await Store.CreateAsync(NewInstance("a"), None);
        var state = (await LoadAsync("a")).State;
        var first = await Store.TryCommitAsync(Commit(state with { Episodes = 1 }, 0, 0, Episode0), None);
        var second = await Store.TryCommitAsync(Commit(state with { Episodes = 2, ETag = first }, 0, 1, Episode1), None);
        for (var i = 0; i < 5; i++)
        {
            await Store.AddInboxAsync("a", Message($"m{i}", i), None);
        }

        foreach (var known in new[] { null, first })
        {
            var loaded = await paged.LoadAsync("a", known, None);
            Assert.NotNull(loaded);
            Assert.Equal(second, loaded.State.ETag);
            Assert.Equal([.. Episode0, .. Episode1], loaded.History!);
            Assert.Equal(["m0", "m1", "m2", "m3", "m4"], loaded.Inbox.Select(m => m.Id));
        }

        var unchanged = await paged.LoadAsync("a", second, None);
        Assert.NotNull(unchanged);
        Assert.Null(unchanged.History);
        Assert.Equal(5, unchanged.Inbox.Count);
    }

    [Fact]
    public async Task Purge_deletes_more_rows_than_one_transaction_holds()
    {
        await Store.CreateAsync(NewInstance("a"), None);
        await Task.WhenAll(Enumerable.Range(0, 150).Select(i => Store.AddInboxAsync("a", Message($"m{i}", i), None)));
        Assert.Equal(150, (await LoadAsync("a")).Inbox.Count);

        Assert.True(await Store.PurgeAsync("a", None));

        var left = 0;
        await foreach (var _ in HistoryTable.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"a"}")))
        {
            left++;
        }

        Assert.Equal(0, left);
    }

    [Fact]
    public async Task Task_hub_names_are_validated()
    {
        Assert.Throws<ArgumentException>(() => new AzureInstanceStore(AzuriteStorage.Clients, "bad-hub"));
        Assert.Throws<ArgumentException>(() => new AzureWorkQueue(AzuriteStorage.Clients, "1hub"));
        Assert.Throws<ArgumentException>(() => new AzureInstanceStore(AzuriteStorage.Clients, new string('h', 46)));
        await Task.CompletedTask;
    }

    protected override async Task<IInstanceStore> CreateStoreAsync()
    {
        var store = new AzureInstanceStore(AzuriteStorage.Clients, taskHub);
        await store.EnsureCreatedAsync(None);
        await store.EnsureCreatedAsync(None);
        return store;
    }

    protected override async Task<IReadOnlyList<(int Generation, int Episode)>> StoredHistoryRowsAsync(string instanceId)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {instanceId} and RowKey ge {"h:"} and RowKey lt {"m:"}");
        var rows = new List<(int, int)>();
        await foreach (var row in HistoryTable.QueryAsync<TableEntity>(filter, select: ["RowKey"]))
        {
            var parts = row.RowKey.Split(':');
            rows.Add((int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    protected override async Task<int?> StoredBlobCountAsync(string instanceId)
    {
        var container = AzuriteStorage.Clients.Blobs.GetBlobContainerClient(taskHub.ToLowerInvariant() + "-payloads");
        var count = 0;
        await foreach (var _ in container.GetBlobsAsync(global::Azure.Storage.Blobs.Models.BlobTraits.None, global::Azure.Storage.Blobs.Models.BlobStates.None, instanceId + "/", None))
        {
            count++;
        }

        return count;
    }
}
