namespace PeerFlow.Functions.Dev;

/// <summary>
/// Development only: the system clock plus an offset that can be moved forward, so a coordinator can watch a
/// month of a scheme in a minute and tests can drive the running app through its deadlines.
/// </summary>
public sealed class SandboxClock : TimeProvider
{
    private long offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref offsetTicks, by.Ticks);
    }
}
