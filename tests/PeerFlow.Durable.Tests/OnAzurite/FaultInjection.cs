using PeerFlow.Durable.Storage;
using PeerFlow.Durable.Testing;

namespace PeerFlow.Durable.Tests.OnAzurite;

/// <summary>Where a worker can die in the middle of processing an instance.</summary>
public enum FaultPoint
{
    BeforeCommit,
    AfterCommit,
    AfterWakeupSent,
    AfterChildCreated,
    AfterInboxWritten,
    BeforeIndex,
    BeforeMessageDelete,
}

/// <summary>Thrown to simulate a worker process dying: the engine drops what it held in memory.</summary>
public sealed class SimulatedCrashException : Exception
{
    public SimulatedCrashException() : base("simulated crash") { }

    public SimulatedCrashException(string message) : base(message) { }

    public SimulatedCrashException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>Arms one fault at the n-th time a point is reached, then behaves normally.</summary>
public sealed class Fault(FaultPoint point, int occurrence)
{
    private int seen;

    public bool Fired { get; private set; }

    public void At(FaultPoint reached)
    {
        if (reached == point && !Fired && Interlocked.Increment(ref seen) == occurrence)
        {
            Fired = true;
            throw new SimulatedCrashException($"simulated crash at {point} #{occurrence}");
        }
    }
}

internal sealed class FaultyStore(IInstanceStore inner, Fault fault) : DelegatingStore(inner)
{
    public override async Task<string?> TryCommitAsync(EpisodeCommit commit, CancellationToken cancellationToken)
    {
        fault.At(FaultPoint.BeforeCommit);
        var etag = await base.TryCommitAsync(commit, cancellationToken);
        if (etag is not null)
        {
            fault.At(FaultPoint.AfterCommit);
        }

        return etag;
    }

    public override async Task<bool> CreateAsync(InstanceRecord state, CancellationToken cancellationToken)
    {
        var created = await base.CreateAsync(state, cancellationToken);
        if (state.Parent is not null)
        {
            fault.At(FaultPoint.AfterChildCreated);
        }

        return created;
    }

    public override async Task AddInboxAsync(string instanceId, InboxMessage message, CancellationToken cancellationToken)
    {
        await base.AddInboxAsync(instanceId, message, cancellationToken);
        fault.At(FaultPoint.AfterInboxWritten);
    }

    public override Task UpsertIndexAsync(InstanceRecord state, CancellationToken cancellationToken)
    {
        fault.At(FaultPoint.BeforeIndex);
        return base.UpsertIndexAsync(state, cancellationToken);
    }
}

internal sealed class FaultyQueue(IWorkQueue inner, Fault fault) : IWorkQueue
{
    public TimeSpan MaxDelay => inner.MaxDelay;

    public async Task SendAsync(string instanceId, TimeSpan delay, CancellationToken cancellationToken)
    {
        await inner.SendAsync(instanceId, delay, cancellationToken);
        if (delay > TimeSpan.Zero)
        {
            fault.At(FaultPoint.AfterWakeupSent);
        }
    }

    public Task<IReadOnlyList<WorkItem>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken) =>
        inner.ReceiveAsync(maxMessages, visibilityTimeout, cancellationToken);

    public Task DeleteAsync(WorkItem item, CancellationToken cancellationToken)
    {
        fault.At(FaultPoint.BeforeMessageDelete);
        return inner.DeleteAsync(item, cancellationToken);
    }

    public Task<WorkItem?> RenewAsync(WorkItem item, TimeSpan visibilityTimeout, CancellationToken cancellationToken) =>
        inner.RenewAsync(item, visibilityTimeout, cancellationToken);

    public Task<long> ApproximateCountAsync(CancellationToken cancellationToken) => inner.ApproximateCountAsync(cancellationToken);
}
