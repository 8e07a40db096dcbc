using PeerFlow.Durable.History;
using PeerFlow.Durable.Storage;

namespace PeerFlow.Durable.Tests.Storage;

/// <summary>
/// What every <see cref="IInstanceStore"/> must do, run against each implementation by a small subclass, so that
/// fast in-memory tests can be trusted to mean what the Azure Storage store does.
/// </summary>
public abstract class InstanceStoreContract : IAsyncLifetime
{
    protected static readonly DateTime T0 = new(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);

    protected IInstanceStore Store { get; private set; } = null!;

    protected static CancellationToken None => CancellationToken.None;

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected abstract Task<IInstanceStore> CreateStoreAsync();

    /// <summary>The (generation, episode) of each history row stored for the instance, whichever generation.</summary>
    protected abstract Task<IReadOnlyList<(int Generation, int Episode)>> StoredHistoryRowsAsync(string instanceId);

    [Fact]
    public async Task Create_is_idempotent()
    {
        Assert.True(await Store.CreateAsync(NewInstance("a", input: "\"first\""), None));
        Assert.False(await Store.CreateAsync(NewInstance("a", input: "\"second\""), None));

        var state = await Store.GetAsync("a", None);
        Assert.NotNull(state);
        Assert.Equal("\"first\"", state.Input);
        Assert.NotNull(state.ETag);
        Assert.Null(await Store.GetAsync("other", None));
        Assert.Null(await Store.LoadAsync("other", null, None));
    }

    [Fact]
    public async Task Commit_then_load_returns_state_and_events_in_order()
    {
        await Store.CreateAsync(NewInstance("a"), None);
        var created = await LoadAsync("a");
        Assert.Empty(created.History!);
        Assert.Equal(0, created.State.Episodes);

        var first = await Store.TryCommitAsync(Commit(created.State with { Status = OrchestrationRuntimeStatus.Running, Episodes = 1 }, 0, 0, Episode0), None);
        Assert.NotNull(first);
        var running = await LoadAsync("a");
        Assert.Equal(first, running.State.ETag);

        var end = running.State with
        {
            Status = OrchestrationRuntimeStatus.Completed,
            Episodes = 2,
            Output = "\"out\"",
            CustomStatus = "{\"step\":2}",
            Failure = new TaskFailureDetails("Some.Error", "it broke", "at X", new TaskFailureDetails("Inner", "cause")),
            Attributes = new Dictionary<string, string> { ["scheme"] = "s1", ["stage"] = "done" },
            Parent = new ParentLink("parent", 3, 7),
            Carried = [new EventRaised("Approved", "true") { Timestamp = T0 }],
            UpdatedAt = T0.AddMinutes(5),
            CompletedAt = T0.AddMinutes(5),
            NextTimerAt = T0.AddDays(30),
        };
        var second = await Store.TryCommitAsync(Commit(end, 0, 1, Episode1), None);
        Assert.NotNull(second);
        Assert.NotEqual(first, second);

        var loaded = await LoadAsync("a");
        Assert.Equal([.. Episode0, .. Episode1], loaded.History!);
        AssertSameState(end with { ETag = second }, loaded.State);
        AssertSameState(loaded.State, (await Store.GetAsync("a", None))!);
        Assert.Equal([.. Episode0, .. Episode1], await Store.GetHistoryAsync("a", None));
    }

    [Fact]
    public async Task Commit_without_events_updates_the_state_only()
    {
        await Store.CreateAsync(NewInstance("a"), None);
        var created = await LoadAsync("a");
        Assert.NotNull(await Store.TryCommitAsync(Commit(created.State with { Episodes = 1 }, 0, 0, Episode0), None));
        var loaded = await LoadAsync("a");

        Assert.NotNull(await Store.TryCommitAsync(Commit(loaded.State with { CustomStatus = "\"x\"" }, 0, 1, []), None));

        var after = await LoadAsync("a");
        Assert.Equal("\"x\"", after.State.CustomStatus);
        Assert.Equal(Episode0, after.History!);
        Assert.Equal([(0, 0)], await StoredHistoryRowsAsync("a"));
    }

    [Fact]
    public async Task Commit_with_a_stale_etag_returns_null_and_changes_nothing()
    {
        await Store.CreateAsync(NewInstance("a"), None);
        await Store.AddInboxAsync("a", Message("m1", 1), None);
        var stale = (await LoadAsync("a")).State;
        var current = await Store.TryCommitAsync(Commit(stale with { Episodes = 1 }, 0, 0, Episode0, "m1"), None);
        Assert.NotNull(current);
        await Store.AddInboxAsync("a", Message("m2", 2), None);

        var result = await Store.TryCommitAsync(Commit(stale with { Episodes = 1, Status = OrchestrationRuntimeStatus.Failed }, 0, 1, Episode1, "m2"), None);

        Assert.Null(result);
        var loaded = await LoadAsync("a");
        Assert.Equal(current, loaded.State.ETag);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, loaded.State.Status);
        Assert.Equal(Episode0, loaded.History!);
        Assert.Equal(["m2"], loaded.Inbox.Select(m => m.Id));
        Assert.Equal([(0, 0)], await StoredHistoryRowsAsync("a"));
    }

    [Fact]
    public async Task Two_concurrent_commits_from_one_etag_exactly_one_wins()
    {
        await Store.CreateAsync(NewInstance("a"), None);
        await Store.AddInboxAsync("a", Message("m1", 1), None);
        var state = (await LoadAsync("a")).State;
        List<HistoryEvent> left = [new EventRaised("left", null) { Timestamp = T0 }];
        List<HistoryEvent> right = [new EventRaised("right", null) { Timestamp = T0 }];

        var results = await Task.WhenAll(
            Task.Run(() => Store.TryCommitAsync(Commit(state with { Episodes = 1, CustomStatus = "\"left\"" }, 0, 0, left, "m1"), None)),
            Task.Run(() => Store.TryCommitAsync(Commit(state with { Episodes = 1, CustomStatus = "\"right\"" }, 0, 0, right, "m1"), None)));

        Assert.Single(results, r => r is not null);
        var winner = results[0] is not null ? "left" : "right";
        var loaded = await LoadAsync("a");
        Assert.Equal(results.Single(r => r is not null), loaded.State.ETag);
        Assert.Equal($"\"{winner}\"", loaded.State.CustomStatus);
        Assert.Equal(winner, Assert.IsType<EventRaised>(Assert.Single(loaded.History!)).Name);
        Assert.Empty(loaded.Inbox);
    }

    [Fact]
    public async Task A_second_commit_of_the_same_episode_returns_null()
    {
        await Store.CreateAsync(NewInstance("a"), None);
        var state = (await LoadAsync("a")).State;
        var etag = await Store.TryCommitAsync(Commit(state with { Episodes = 1 }, 0, 0, Episode0), None);

        // Right ETag, but the episode's history row is already there: another writer's, or a bug; never overwritten.
        Assert.Null(await Store.TryCommitAsync(Commit(state with { Episodes = 1, ETag = etag }, 0, 0, Episode1), None));
        Assert.Equal(Episode0, (await LoadAsync("a")).History!);
    }

    [Fact]
    public async Task Load_with_the_known_etag_skips_the_history_until_another_commit()
    {
        await Store.CreateAsync(NewInstance("a"), None);
        var state = (await LoadAsync("a")).State;
        var first = await Store.TryCommitAsync(Commit(state with { Episodes = 1 }, 0, 0, Episode0), None);
        await Store.AddInboxAsync("a", Message("m1", 1), None);

        var unchanged = await Store.LoadAsync("a", first, None);
        Assert.NotNull(unchanged);
        Assert.Null(unchanged.History);
        Assert.Equal(first, unchanged.State.ETag);
        Assert.Equal(["m1"], unchanged.Inbox.Select(m => m.Id));

        var second = await Store.TryCommitAsync(Commit(unchanged.State with { Episodes = 2 }, 0, 1, Episode1, "m1"), None);
        var changed = await Store.LoadAsync("a", first, None);
        Assert.NotNull(changed);
        Assert.Equal(second, changed.State.ETag);
        Assert.Equal([.. Episode0, .. Episode1], changed.History!);
        Assert.Empty(changed.Inbox);
    }

    [Fact]
    public async Task Inbox_is_idempotent_by_id_ordered_by_sequence_and_consumed_rows_are_gone()
    {
        // Messages may arrive before the instance exists; they wait for it.
        await Store.AddInboxAsync("a", Message("m1", 2, "\"original\""), None);
        Assert.Null(await Store.LoadAsync("a", null, None));
        await Store.CreateAsync(NewInstance("a"), None);

        await Store.AddInboxAsync("a", Message("m1", 2, "\"again\""), None);
        await Store.AddInboxAsync("a", Message("m0", 1), None);
        await Store.AddInboxAsync("a", Message("b", 3), None);
        await Store.AddInboxAsync("a", Message("a", 3), None);
        await Store.AddInboxAsync("a", Message("f", 4) with
        {
            Kind = InboxKind.TaskFailed,
            TaskId = 5,
            Generation = 2,
            Failure = new TaskFailureDetails("E", "failed"),
        }, None);

        var loaded = await LoadAsync("a");
        Assert.Equal(["m0", "m1", "a", "b", "f"], loaded.Inbox.Select(m => m.Id));
        Assert.Equal("\"original\"", loaded.Inbox[1].Payload);
        Assert.Equal(Message("m1", 2, "\"original\""), loaded.Inbox[1]);
        Assert.Equal(new TaskFailureDetails("E", "failed"), loaded.Inbox[4].Failure);
        Assert.Equal((InboxKind.TaskFailed, 5, 2), (loaded.Inbox[4].Kind, loaded.Inbox[4].TaskId, loaded.Inbox[4].Generation));

        Assert.NotNull(await Store.TryCommitAsync(Commit(loaded.State with { Episodes = 1 }, 0, 0, Episode0, "m0", "m1"), None));
        Assert.Equal(["a", "b", "f"], (await LoadAsync("a")).Inbox.Select(m => m.Id));

        // Consumed means gone: the same id can be sent again, e.g. a second event of the same name.
        await Store.AddInboxAsync("a", Message("m1", 5), None);
        Assert.Equal(["a", "b", "f", "m1"], (await LoadAsync("a")).Inbox.Select(m => m.Id));
    }

    [Fact]
    public async Task Large_values_round_trip()
    {
        var big = Big('i');
        await Store.CreateAsync(NewInstance("a", input: big), None);
        await Store.AddInboxAsync("a", Message("m1", 1, Big('p')), None);
        var loaded = await LoadAsync("a");
        Assert.Equal(big, loaded.State.Input);
        Assert.Equal(Big('p'), Assert.Single(loaded.Inbox).Payload);

        List<HistoryEvent> events = [new ExecutionStarted("Flow", "1", big) { Timestamp = T0 }, new TaskScheduled("Send", Big('e')) { Timestamp = T0 }];
        var end = loaded.State with
        {
            Episodes = 1,
            Output = Big('o'),
            CustomStatus = Big('c'),
            Carried = [new EventRaised("e", Big('r'))],
            Failure = new TaskFailureDetails("E", "m", Big('s')),
        };
        var etag = await Store.TryCommitAsync(Commit(end, 0, 0, events, "m1"), None);
        Assert.NotNull(etag);

        var after = await LoadAsync("a");
        AssertSameState(end with { ETag = etag }, after.State);
        Assert.Equal(events, after.History!);

        // Committing the same large input again must work as well (it is not uploaded twice on Azure).
        Assert.NotNull(await Store.TryCommitAsync(Commit(after.State with { Episodes = 2 }, 0, 1, Episode1), None));
        Assert.Equal(big, (await LoadAsync("a")).State.Input);
    }

    [Fact]
    public async Task Continue_as_new_then_deleting_old_generations_leaves_only_the_new_one()
    {
        await Store.CreateAsync(NewInstance("a"), None);
        var state = (await LoadAsync("a")).State;
        state = state with { ETag = await Store.TryCommitAsync(Commit(state with { Episodes = 1 }, 0, 0, Episode0), None) };
        state = state with { ETag = await Store.TryCommitAsync(Commit(state with { Episodes = 2 }, 0, 1, Episode1), None) };

        // The episode that continues as new belongs to generation 0; its state already starts generation 1.
        List<HistoryEvent> continued = [new ContinuedAsNew("\"next\"", true) { Timestamp = T0 }];
        var next = state with { Generation = 1, Episodes = 0, Input = "\"next\"", Carried = [new EventRaised("kept", null) { Timestamp = T0 }] };
        next = next with { ETag = await Store.TryCommitAsync(Commit(next, 0, 2, continued), None) };
        Assert.Empty((await LoadAsync("a")).History!);

        List<HistoryEvent> restarted = [new ExecutionStarted("Flow", "1", "\"next\"") { Timestamp = T0 }];
        Assert.NotNull(await Store.TryCommitAsync(Commit(next with { Episodes = 1, Carried = [] }, 1, 0, restarted), None));
        Assert.Equal([(0, 0), (0, 1), (0, 2), (1, 0)], await StoredHistoryRowsAsync("a"));

        await Store.DeleteOldGenerationsAsync("a", 1, None);

        Assert.Equal([(1, 0)], await StoredHistoryRowsAsync("a"));
        var loaded = await LoadAsync("a");
        Assert.Equal(1, loaded.State.Generation);
        Assert.Equal(restarted, loaded.History!);
    }

    [Fact]
    public async Task Query_filters_by_name_status_times_and_attributes_and_pages()
    {
        (string Id, string Name, OrchestrationRuntimeStatus Status, int Day, string Due)[] rows =
        [
            ("i1", "Remind", OrchestrationRuntimeStatus.Running, 1, "2026-12-01"),
            ("i2", "Remind", OrchestrationRuntimeStatus.Completed, 2, "2026-12-15"),
            ("i3", "Remind", OrchestrationRuntimeStatus.Running, 3, "2027-01-10"),
            ("i4", "Report", OrchestrationRuntimeStatus.Failed, 4, "2026-11-30"),
            ("i5", "Report it's", OrchestrationRuntimeStatus.Running, 5, "2026-12-20"),
        ];
        foreach (var (id, name, status, day, due) in rows)
        {
            var created = T0.AddDays(day);
            await Store.UpsertIndexAsync(NewInstance(id, name) with
            {
                Status = status,
                CreatedAt = created,
                UpdatedAt = created.AddHours(day),
                CustomStatus = "\"c\"",
                Attributes = new Dictionary<string, string> { ["scheme"] = day % 2 == 0 ? "even" : "odd", ["due"] = due },
            }, None);
        }

        // A second upsert replaces the row, dropping attributes no longer set.
        await Store.UpsertIndexAsync(NewInstance("i5", "Report it's") with
        {
            Status = OrchestrationRuntimeStatus.Running,
            CreatedAt = T0.AddDays(5),
            UpdatedAt = T0.AddDays(5).AddHours(5),
            Attributes = new Dictionary<string, string> { ["due"] = "2026-12-20" },
        }, None);

        Assert.Equal(["i1", "i2", "i3"], await QueryIdsAsync(new InstanceQuery { Name = "Remind" }));
        Assert.Equal(["i5"], await QueryIdsAsync(new InstanceQuery { Name = "Report it's" }));
        Assert.Equal(["i1", "i3", "i5"], await QueryIdsAsync(new InstanceQuery { Statuses = [OrchestrationRuntimeStatus.Running] }));
        Assert.Equal(["i2", "i4"], await QueryIdsAsync(new InstanceQuery { Statuses = [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed] }));
        Assert.Equal(["i2", "i3", "i4"], await QueryIdsAsync(new InstanceQuery { CreatedFrom = T0.AddDays(2), CreatedTo = T0.AddDays(4) }));
        Assert.Equal(["i4", "i5"], await QueryIdsAsync(new InstanceQuery { UpdatedFrom = T0.AddDays(4) }));
        Assert.Equal(["i1", "i3"], await QueryIdsAsync(new InstanceQuery { Attributes = [new("scheme", AttributeOperator.Equal, "odd")] }));
        Assert.Equal(["i1", "i2", "i4", "i5"], await QueryIdsAsync(new InstanceQuery
        {
            Attributes = [new("due", AttributeOperator.GreaterThanOrEqual, "2026-11-01"), new("due", AttributeOperator.LessThan, "2027-01-01")],
            Statuses = [],
        }));
        Assert.Equal(["i1", "i2"], await QueryIdsAsync(new InstanceQuery
        {
            Name = "Remind",
            Attributes = [new("due", AttributeOperator.LessThanOrEqual, "2026-12-15")],
        }));
        Assert.Equal(["i3"], await QueryIdsAsync(new InstanceQuery { Attributes = [new("due", AttributeOperator.GreaterThan, "2026-12-20")] }));
        Assert.Empty(await QueryIdsAsync(new InstanceQuery { Attributes = [new("missing", AttributeOperator.Equal, "x")] }));

        var one = Assert.Single((await Store.QueryAsync(new InstanceQuery { Name = "Report" }, None)).Instances);
        Assert.Equal(("i4", "1", OrchestrationRuntimeStatus.Failed, T0.AddDays(4)), (one.InstanceId, one.Version, one.Status, one.CreatedAt));
        Assert.Equal("\"c\"", one.CustomStatus);
        Assert.Equal("even", one.Attributes["scheme"]);
        Assert.Null(one.ETag);
        Assert.Null(one.Input);

        // Paging: every instance exactly once, whatever the page boundaries.
        var seen = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await Store.QueryAsync(new InstanceQuery { PageSize = 2, ContinuationToken = token }, None);
            Assert.True(page.Instances.Count <= 2);
            seen.AddRange(page.Instances.Select(i => i.InstanceId));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 10);
        Assert.Equal(["i1", "i2", "i3", "i4", "i5"], seen.Order());
        Assert.True(pages >= 3);

        await Assert.ThrowsAsync<ArgumentException>(() => Store.QueryAsync(new InstanceQuery { Attributes = [new("bad name", AttributeOperator.Equal, "x")] }, None));
    }

    [Fact]
    public async Task Purge_removes_everything_and_is_false_the_second_time()
    {
        var state = NewInstance("a", input: Big('i')) with { Attributes = new Dictionary<string, string> { ["scheme"] = "s" } };
        await Store.CreateAsync(state, None);
        await Store.UpsertIndexAsync(state, None);
        var loaded = await LoadAsync("a");
        await Store.TryCommitAsync(Commit(loaded.State with { Episodes = 1 }, 0, 0, [new TaskScheduled("Send", Big('e')) { Timestamp = T0 }]), None);
        await Store.AddInboxAsync("a", Message("m1", 1, Big('p')), None);
        await Store.RecordFailureAsync(new QuarantineEntry("a", "msg", 6, "boom", T0, Quarantined: true), None);
        await Store.CreateAsync(NewInstance("b"), None);
        Assert.True(await StoredBlobCountAsync("a") is null or > 0);

        Assert.True(await Store.PurgeAsync("a", None));

        Assert.Null(await Store.LoadAsync("a", null, None));
        Assert.Null(await Store.GetAsync("a", None));
        Assert.Empty(await Store.GetHistoryAsync("a", None));
        Assert.Empty(await StoredHistoryRowsAsync("a"));
        Assert.Empty(await QueryIdsAsync(new InstanceQuery { Attributes = [new("scheme", AttributeOperator.Equal, "s")] }));
        Assert.Empty(await Store.GetQuarantinedAsync(None));
        Assert.True(await StoredBlobCountAsync("a") is null or 0);
        Assert.False(await Store.PurgeAsync("a", None));
        Assert.NotNull(await Store.GetAsync("b", None));

        // The id can be used again, from scratch.
        Assert.True(await Store.CreateAsync(NewInstance("a", input: Big('j')), None));
        var again = await LoadAsync("a");
        Assert.Equal(Big('j'), again.State.Input);
        Assert.Empty(again.History!);
        Assert.Empty(again.Inbox);
    }

    [Fact]
    public async Task Timers_due_by_a_time_are_listed_until_deleted()
    {
        var early = new TimerEntry("a", 0, 1, T0.AddDays(-1));
        var soon = new TimerEntry("a", 0, 2, T0.AddHours(1));
        var later = new TimerEntry("b", 2, 7, T0.AddDays(2));
        var sameDay = new TimerEntry("c|x", 0, 3, T0.AddHours(1).AddSeconds(1));
        foreach (var timer in new[] { later, soon, early, sameDay })
        {
            await Store.ScheduleTimerAsync(timer, None);
        }

        Assert.Equal([early, soon], await Store.GetTimersDueByAsync(T0.AddHours(1), None));
        Assert.Equal([early, soon, sameDay, later], await Store.GetTimersDueByAsync(T0.AddDays(30), None));
        Assert.Empty(await Store.GetTimersDueByAsync(T0.AddDays(-2), None));

        await Store.DeleteTimerAsync(soon, None);
        await Store.DeleteTimerAsync(soon, None);
        await Store.DeleteTimerAsync(new TimerEntry("nobody", 0, 0, T0), None);

        Assert.Equal([early, sameDay], await Store.GetTimersDueByAsync(T0.AddHours(2), None));
    }

    [Fact]
    public async Task Quarantined_entries_are_listed()
    {
        await Store.RecordFailureAsync(new QuarantineEntry("a", "m1", 2, "first", T0, Quarantined: false), None);
        await Store.RecordFailureAsync(new QuarantineEntry("b", "m2", 6, "boom", T0.AddMinutes(1), Quarantined: true), None);
        Assert.Equal(["b"], (await Store.GetQuarantinedAsync(None)).Select(q => q.InstanceId));

        await Store.RecordFailureAsync(new QuarantineEntry("a", "m1", 6, "again", T0.AddMinutes(2), Quarantined: true), None);
        await Store.RecordFailureAsync(new QuarantineEntry("c", "m3", 1, "once", T0, Quarantined: false), None);

        var listed = (await Store.GetQuarantinedAsync(None)).OrderBy(q => q.InstanceId).ToList();
        Assert.Equal(
            [new QuarantineEntry("a", "m1", 6, "again", T0.AddMinutes(2), true), new QuarantineEntry("b", "m2", 6, "boom", T0.AddMinutes(1), true)],
            listed);
    }

    [Fact]
    public async Task A_commit_over_the_transaction_limit_is_refused()
    {
        await Store.CreateAsync(NewInstance("a"), None);
        var state = (await LoadAsync("a")).State;
        var consumed = Enumerable.Range(0, 99).Select(i => $"m{i}").ToArray();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.TryCommitAsync(Commit(state with { Episodes = 1 }, 0, 0, Episode0, consumed), None));
        Assert.Contains("100", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_keys_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.CreateAsync(NewInstance("a/b"), None));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.AddInboxAsync("a", Message("x#y", 1), None));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.UpsertIndexAsync(NewInstance("a") with { Attributes = new Dictionary<string, string> { ["a_b"] = "x" } }, None));
    }

    /// <summary>Payload blobs stored for the instance; null where the store keeps no blobs.</summary>
    protected virtual Task<int?> StoredBlobCountAsync(string instanceId) => Task.FromResult<int?>(null);

    protected static InstanceRecord NewInstance(string id, string name = "Flow", string? input = "\"in\"") => new()
    {
        InstanceId = id,
        Name = name,
        Version = "1",
        Status = OrchestrationRuntimeStatus.Pending,
        Input = input,
        CreatedAt = T0,
        UpdatedAt = T0,
    };

    protected static List<HistoryEvent> Episode0 =>
    [
        new ExecutionStarted("Flow", "1", "\"in\"", new ParentLink("p", 1, 2)) { Timestamp = T0 },
        new TaskScheduled("Send", "\"x\"") { TaskId = 0, Timestamp = T0 },
        new TimerCreated(T0.AddDays(10)) { TaskId = 1, Timestamp = T0 },
    ];

    protected static List<HistoryEvent> Episode1 =>
    [
        new TaskCompleted(0, "\"sent\"") { Timestamp = T0.AddSeconds(1) },
        new TaskFailed(0, new TaskFailureDetails("E", "m")) { Timestamp = T0.AddSeconds(1) },
        new ExecutionCompleted(OrchestrationRuntimeStatus.Completed, "\"out\"", null) { TaskId = 2, Timestamp = T0.AddSeconds(1) },
    ];

    protected static EpisodeCommit Commit(InstanceRecord state, int generation, int episode, List<HistoryEvent> events, params string[] consumed) =>
        new(state, generation, episode, events, consumed);

    protected static InboxMessage Message(string id, long sequence, string? payload = null) =>
        new() { Id = id, Sequence = sequence, Kind = InboxKind.Event, Name = "Approved", Payload = payload };

    protected static string Big(char c) => "\"" + new string(c, 200_000) + "\"";

    protected async Task<InstanceSnapshot> LoadAsync(string instanceId)
    {
        var snapshot = await Store.LoadAsync(instanceId, null, None);
        Assert.NotNull(snapshot);
        Assert.NotNull(snapshot.History);
        return snapshot;
    }

    private async Task<List<string>> QueryIdsAsync(InstanceQuery query) =>
        [.. (await Store.QueryAsync(query, None)).Instances.Select(i => i.InstanceId).Order()];

    private static void AssertSameState(InstanceRecord expected, InstanceRecord actual)
    {
        Assert.Equal(expected with { Attributes = actual.Attributes, Carried = actual.Carried }, actual);
        Assert.Equal(expected.Attributes.OrderBy(a => a.Key), actual.Attributes.OrderBy(a => a.Key));
        Assert.Equal(expected.Carried, actual.Carried);
    }
}
