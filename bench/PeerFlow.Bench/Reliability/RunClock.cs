using System.Globalization;
using System.Net;

namespace PeerFlow.Bench.Reliability;

/// <summary>
/// Workflow time in a reliability run: the sandbox clock, moved by the run, or a fast clock every host shares
/// (<c>--clock-speed</c>), which runs on by itself and is waited for.
/// </summary>
internal sealed class RunClock(HostPool hosts, int speed)
{
    public bool Fast => speed > 0;

    /// <summary>
    /// How late something due may be and still be on its way: a minute of sandbox time (the run moves the clock and
    /// waits for the engine), or two real minutes of a fast clock's time (a timer fires by the queue's delay on a busy
    /// machine; after a kill the queue's 30 s visibility timeout and a restart come first).
    /// </summary>
    public TimeSpan LateAfter => Fast ? TimeSpan.FromMinutes(2) * speed : TimeSpan.FromMinutes(1);

    /// <summary>Lets <paramref name="by"/> of workflow time pass: moves the sandbox clock, or waits for the fast one.</summary>
    public async Task<bool> PassAsync(TimeSpan by, CancellationToken cancellationToken)
    {
        if (Fast)
        {
            await Task.Delay(by / speed, cancellationToken);
            return true;
        }

        return await AdvanceAsync(hosts, by, cancellationToken);
    }

    /// <summary>
    /// Moves the sandbox clock of every host that is up to the same instant. Each host holds its own timers and its own
    /// copy of the clock's offsets (read at start), so every one is moved; a host that dies meanwhile is skipped. The
    /// sandbox clock is a one-process development tool: with several hosts their clocks differ between the moves, and
    /// each move waits out its settle timeout (60 s a step) for timers another host's engine handled, so runs of
    /// several hosts leave the clock alone (docs/reliability.md).
    /// </summary>
    private static async Task<bool> AdvanceAsync(HostPool hosts, TimeSpan by, CancellationToken cancellationToken)
    {
        DateTime now;
        try
        {
            now = await Checks.ClockAsync(hosts, cancellationToken);
        }
        catch (BenchFailedException)
        {
            return false;
        }

        var to = Uri.EscapeDataString((now + by).ToString("O", CultureInfo.InvariantCulture));
        var moved = false;
        for (var i = 0; i < hosts.Count; i++)
        {
            if (hosts.IsUp(i))
            {
                var answer = await hosts.SendToAsync(i, () => new HttpRequestMessage(HttpMethod.Post, $"/dev/clock/advance?to={to}"), cancellationToken);
                moved |= answer.Status == HttpStatusCode.OK;
            }
        }

        return moved;
    }
}
