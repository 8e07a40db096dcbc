namespace PeerFlow.LocalEngine.Tests;

/// <summary>Bounded polling: the condition is what the test waits for; the bound only turns a hang into a failure.</summary>
internal static class Wait
{
    /// <summary>Generous: two busy cores, Azurite, and Azure Storage's lease and visibility timeouts.</summary>
    public static readonly TimeSpan Long = TimeSpan.FromMinutes(2);

    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, timeout);

    public static Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        UntilAsync(condition, () => what, timeout);

    /// <summary><paramref name="what"/> is read when the wait gives up, so it can show what a child process said by then.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, Func<string> what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? Long;
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {limit} for {what()}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>A token that gives up after <paramref name="timeout"/> (default <see cref="Long"/>).</summary>
    public static CancellationTokenSource Bound(TimeSpan? timeout = null) => new(timeout ?? Long);
}
