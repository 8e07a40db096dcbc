namespace PeerFlow.Durable;

public sealed class DurableOptions
{
    /// <summary>Prefix of every table, queue and container, so several apps or test runs can share one account.</summary>
    public string TaskHub { get; set; } = "PeerFlow";

    /// <summary>The version an instance gets when its start does not name one.</summary>
    public string DefaultVersion { get; set; } = "1";

    /// <summary>Deliveries of one wake-up after which the instance is failed and the message quarantined.</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>How long a received message stays hidden from other workers while it is processed.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public int MaxConcurrentInstances { get; set; } = 16;

    public int MaxConcurrentActivities { get; set; } = 32;

    /// <summary>Timers further ahead than this wait in the timers table instead of as a delayed queue message.</summary>
    public TimeSpan LongTimerThreshold { get; set; } = TimeSpan.FromDays(6);

    /// <summary>How often the standalone worker moves long timers into the queue; must be well under the queue's 7-day limit minus the threshold.</summary>
    public TimeSpan TimerPumpInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Wake-ups for timers are sent this much early and the worker holds them until the exact time, which
    /// removes polling and whole-second queue granularity from timer lateness. Zero disables holding.
    /// </summary>
    public TimeSpan TimerHoldWindow { get; set; } = TimeSpan.FromSeconds(3);

    public TimeSpan MinPollingInterval { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>The longest an idle standalone worker waits between polls: the bound on lateness after idleness.</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Instances whose live execution a worker keeps in memory, so they are not replayed at each step.</summary>
    public int ExecutionCacheSize { get; set; } = 2000;
}
