namespace PeerFlow.LocalEngine.Clock;

/// <summary>
/// Development only: workflow and application time, which is real time plus an offset that can only grow. Every
/// change is appended to an offset log, so any real instant maps to the same workflow instant however often it is
/// asked: that is what lets a replayed orchestration see the "now" its first run saw.
/// </summary>
public sealed class SandboxClock : TimeProvider, IWorkflowClock
{
    private readonly IClockStore store;
    private readonly TimeProvider real;
    private readonly Lock gate = new();
    private OffsetEntry[] log = [];
    private DateTime lastMapped = DateTime.MinValue;

    public SandboxClock(IClockStore store)
        : this(store, System)
    {
    }

    /// <summary>Over another real clock: for tests of the offset log itself.</summary>
    internal SandboxClock(IClockStore store, TimeProvider real)
    {
        this.store = store;
        this.real = real;
    }

    /// <summary>Raised after the clock has moved, so whoever holds timers can look again.</summary>
    public event Action? Moved;

    public TimeSpan Offset => OffsetAt(real.GetUtcNow().UtcDateTime);

    public DateTime RealUtcNow => real.GetUtcNow().UtcDateTime;

    public override DateTimeOffset GetUtcNow() => real.GetUtcNow() + Offset;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>The workflow instant of a real instant, by the offset in force at that real instant.</summary>
    public DateTime ToWorkflowTime(DateTime realUtc)
    {
        var utc = realUtc.Kind == DateTimeKind.Local ? realUtc.ToUniversalTime() : DateTime.SpecifyKind(realUtc, DateTimeKind.Utc);
        lock (gate)
        {
            if (utc > lastMapped)
            {
                lastMapped = utc;
            }

            return utc + OffsetAt(utc);
        }
    }

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await store.EnsureCreatedAsync(cancellationToken);
        var entries = await store.LoadOffsetsAsync(cancellationToken);
        lock (gate)
        {
            log = [.. entries.OrderBy(e => e.RealAt)];
        }
    }

    /// <summary>
    /// Sets where workflow time starts, before anything has run (tests start on a chosen date, even a past one). A
    /// clock that has already been moved refuses: only forward from then on.
    /// </summary>
    public async Task StartAtAsync(DateTime start, CancellationToken cancellationToken)
    {
        await store.EnsureCreatedAsync(cancellationToken);
        OffsetEntry entry;
        lock (gate)
        {
            if (log.Length > 0)
            {
                throw new InvalidOperationException("The sandbox clock has already been moved; it can only go forward now.");
            }

            var realNow = real.GetUtcNow().UtcDateTime;
            entry = new OffsetEntry(realNow, start - realNow);
            log = [entry];
        }

        await store.AppendOffsetAsync(entry, cancellationToken);
    }

    /// <summary>Moves workflow time forward to <paramref name="target"/> (never back); false when it is already there.</summary>
    public async Task<bool> MoveToAsync(DateTime target, CancellationToken cancellationToken)
    {
        OffsetEntry entry;
        lock (gate)
        {
            var realNow = real.GetUtcNow().UtcDateTime;
            if (log.Length > 0 && log[^1].RealAt > realNow)
            {
                realNow = log[^1].RealAt;
            }

            // An instant already mapped keeps its mapping: the new offset starts after it.
            if (lastMapped >= realNow)
            {
                realNow = lastMapped.AddTicks(1);
            }

            var offset = target - realNow;
            if (offset <= OffsetAt(realNow))
            {
                return false;
            }

            entry = new OffsetEntry(realNow, offset);
            log = [.. log.Where(e => e.RealAt != realNow), entry];
        }

        await store.AppendOffsetAsync(entry, cancellationToken);
        Moved?.Invoke();
        return true;
    }

    private TimeSpan OffsetAt(DateTime realUtc)
    {
        // Under the lock: a mapping must not slip between reading "now" and appending the entry that starts at it.
        OffsetEntry[] entries;
        lock (gate)
        {
            entries = log;
        }

        for (var i = entries.Length - 1; i >= 0; i--)
        {
            if (entries[i].RealAt <= realUtc)
            {
                return entries[i].Offset;
            }
        }

        return TimeSpan.Zero;
    }
}
