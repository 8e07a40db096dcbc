namespace PeerFlow.LocalEngine.Clock;

/// <summary>
/// Development and benchmarks only: workflow time that runs <see cref="Speed"/> times faster than real time from a
/// fixed real instant. Unlike the <see cref="SandboxClock"/>, which one process moves and whose timers it holds,
/// this is a pure function of its settings, so several hosts on one store given the same settings keep the same time,
/// and durable timers are left to the backend's queue delays (converted to real time by <see cref="FastTimers"/>).
/// What takes real time still does (the queue's visibility timeout after a crash, a lease moving between hosts), and
/// shows as lateness multiplied by the speed: a deadline is late by that much, as it would be in real time.
/// </summary>
public sealed class FastClock : TimeProvider, IWorkflowClock
{
    private readonly TimeProvider real;

    /// <param name="speed">Workflow seconds per real second, at least 1.</param>
    /// <param name="realFrom">The real instant from which workflow time runs fast.</param>
    /// <param name="workflowFrom">The workflow instant at <paramref name="realFrom"/>.</param>
    /// <param name="real">The real clock (tests pass a fake).</param>
    public FastClock(double speed, DateTime realFrom, DateTime workflowFrom, TimeProvider? real = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(speed, 1);
        Speed = speed;
        RealFrom = DateTime.SpecifyKind(realFrom, DateTimeKind.Utc);
        WorkflowFrom = DateTime.SpecifyKind(workflowFrom, DateTimeKind.Utc);
        this.real = real ?? System;
    }

    public double Speed { get; }

    public DateTime RealFrom { get; }

    public DateTime WorkflowFrom { get; }

    public override DateTimeOffset GetUtcNow() => new(ToWorkflowTime(real.GetUtcNow().UtcDateTime));

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public DateTime ToWorkflowTime(DateTime realUtc)
    {
        var utc = realUtc.Kind == DateTimeKind.Local ? realUtc.ToUniversalTime() : DateTime.SpecifyKind(realUtc, DateTimeKind.Utc);
        // Before the start it runs at real speed, so that instants recorded before it still map one to one.
        return utc <= RealFrom ? WorkflowFrom - (RealFrom - utc) : WorkflowFrom + ((utc - RealFrom) * Speed);
    }

    /// <summary>The real instant at which workflow time reaches <paramref name="workflowUtc"/>: when a timer is due.</summary>
    public DateTime ToRealTime(DateTime workflowUtc)
    {
        var utc = DateTime.SpecifyKind(workflowUtc, DateTimeKind.Utc);
        return utc <= WorkflowFrom ? RealFrom - (WorkflowFrom - utc) : RealFrom + ((utc - WorkflowFrom) / Speed);
    }
}
