using System.Diagnostics;
using System.Globalization;

namespace PeerFlow.Bench.Scenarios;

/// <summary>
/// A worker process for the recovery scenario: this same program, as <c>dotnet PeerFlow.Bench.dll recovery-child HUB</c>.
/// Its stderr is the benchmark's (logs), its stdout says when it is ready, and its stdin is held open as a lifeline.
/// </summary>
internal sealed class ChildWorker : IDisposable
{
    private readonly Process process;

    private ChildWorker(Process process) => this.process = process;

    public int Id => process.Id;

    public static ChildWorker Start(string hub, StepLog log, int instances, int activities, int activityMs)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
        };
        start.ArgumentList.Add(typeof(ChildWorker).Assembly.Location);
        start.ArgumentList.Add("recovery-child");
        start.ArgumentList.Add(hub);
        foreach (var (name, value) in new[]
        {
            ("steps-file", log.Path),
            ("instances", instances.ToString(CultureInfo.InvariantCulture)),
            ("activities", activities.ToString(CultureInfo.InvariantCulture)),
            ("activity-ms", activityMs.ToString(CultureInfo.InvariantCulture)),
        })
        {
            start.ArgumentList.Add("--" + name);
            start.ArgumentList.Add(value);
        }

        return new ChildWorker(Process.Start(start) ?? throw new BenchFailedException("Could not start the recovery child process."));
    }

    /// <summary>When the child has its engine running (and, for the first, its instances started).</summary>
    public async Task<DateTime> WaitForReadyAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line == "ready")
                {
                    return DateTime.UtcNow;
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new BenchFailedException($"The recovery child {process.Id} was not ready within {limit.TotalSeconds:0} s.");
        }

        throw new BenchFailedException($"The recovery child {process.Id} exited before it was ready.");
    }

    /// <summary>SIGKILL, as a crash or an OOM kill would end it: no shutdown, leases and locked messages left as they are.</summary>
    public async Task<DateTime> KillAsync()
    {
        var at = DateTime.UtcNow;
        process.Kill(entireProcessTree: false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync(timeout.Token);
        return at;
    }

    /// <summary>Closes the lifeline so the child shuts its engine down in order; kills it if it takes too long.</summary>
    public async Task StopAsync()
    {
        if (process.HasExited)
        {
            return;
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: false);
        }

        process.Dispose();
    }
}
