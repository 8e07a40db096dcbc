using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace PeerFlow.Bench.Scale;

/// <summary>
/// The local host (built by <c>./peerflow bench scale</c>) as its own process on a free port, against the bench's
/// Azurite and a task hub of its own, without demo data: measured over HTTP as a browser would reach it.
/// </summary>
internal sealed class LocalHostProcess : IAsyncDisposable
{
    private const string Dll = "local/PeerFlow.LocalHost/bin/Release/net10.0/PeerFlow.LocalHost.dll";

    /// <summary>The hosts this bench started that are still up, for <see cref="KillLeftOvers"/>.</summary>
    private static readonly ConcurrentDictionary<int, Process> Running = new();

    private readonly Process process;

    /// <summary>
    /// A bench stopped with SIGTERM or Ctrl+C ends without its own disposals running: without these its hosts would
    /// outlive it, holding their ports and the task hub. Kept in a field, since a registration that is collected stops.
    /// </summary>
    private static readonly PosixSignalRegistration[] OnStop =
    [
        PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => KillLeftOvers()),
        PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => KillLeftOvers()),
    ];

    private LocalHostProcess(Process process, Uri url)
    {
        this.process = process;
        Url = url;
        Running[process.Id] = process;
    }

    public Uri Url { get; }

    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>
    /// On <paramref name="port"/> when given (a host started again after a kill keeps its address, which its emails'
    /// links and its SendGrid stand-in use), with the organisation file given, and quiet unless
    /// <paramref name="echo"/>.
    /// </summary>
    /// <param name="dll">The local host's build, when not this work tree's Release build (a test's own configuration).</param>
    /// <param name="environment">Settings of the run's own, e.g. the fast clock every host shares.</param>
    public static async Task<LocalHostProcess> StartAsync(
        string storage, string hub, int? port = null, string? organisationFile = null, bool echo = true, string? dll = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        dll = Path.GetFullPath(dll ?? Dll);
        if (!File.Exists(dll))
        {
            throw new BenchFailedException($"{dll} is missing: ./peerflow bench builds it first");
        }

        // bin/CONFIGURATION/FRAMEWORK under the project folder.
        var contentRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(dll)!, "..", "..", ".."));

        port ??= FreePort();
        var url = new Uri($"http://127.0.0.1:{port.Value.ToString(CultureInfo.InvariantCulture)}/");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { dll, "--contentRoot", contentRoot, "--urls", url.ToString().TrimEnd('/') })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["PEERFLOW_STORAGE"] = storage;
        start.Environment["PEERFLOW_TASK_HUB"] = hub;
        start.Environment["PEERFLOW_DEMO_DATA"] = "false";
        start.Environment["PEERFLOW_SENDGRID_HOST"] = url.ToString().TrimEnd('/');
        start.Environment["PEERFLOW_SENDGRID_API_KEY"] = "local-capture";
        start.Environment["PEERFLOW_PUBLIC_BASE_URL"] = url.ToString();
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // The workload posts far faster than a person: the per-address and per-scheme limits would refuse it.
        start.Environment["PEERFLOW_PUBLIC_POST_BURST"] = "1000000";
        start.Environment["PEERFLOW_SCHEME_POST_BURST"] = "1000000";
        if (organisationFile is not null)
        {
            start.Environment["PEERFLOW_ORGANISATION_FILE"] = Path.GetFullPath(organisationFile);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new BenchFailedException("the local host did not start");
        // PEERFLOW_BENCH_HOST_LOGS=DIR keeps every host's output, one file per port across its restarts, for a run
        // that found something.
        var keep = HostLog(port.Value);
        process.OutputDataReceived += (_, e) => keep?.Invoke(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            keep?.Invoke(e.Data);
            if (e.Data is not null && echo)
            {
                Console.Error.WriteLine($"host {port}: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var host = new LocalHostProcess(process, url);
        if (Stopping)
        {
            KillLeftOvers();
        }

        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(5))
        {
            if (process.HasExited)
            {
                throw new BenchFailedException($"the local host exited with {process.ExitCode}");
            }

            try
            {
                using var health = await http.GetAsync("healthz");
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(500);
        }

        await host.DisposeAsync();
        throw new BenchFailedException("the local host did not answer /healthz within 5 minutes");
    }

    /// <summary>Starts the peak resident set size (VmHWM) again from the current one (Linux: 5 into clear_refs).</summary>
    public void ResetPeakMemory()
    {
        try
        {
            File.WriteAllText($"/proc/{process.Id}/clear_refs", "5");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The peak resident set size since the last reset, in MB; NaN where /proc does not say.</summary>
    public double PeakMemoryMb()
    {
        try
        {
            var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    /// <summary>SIGKILL, as a crash or an out-of-memory kill would end it: nothing is flushed or stopped in order.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        Running.TryRemove(process.Id, out _);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }

    private static bool Stopping { get; set; }

    private static void KillLeftOvers()
    {
        Stopping = true;
        foreach (var (pid, left) in Running)
        {
            try
            {
                left.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Exited already.
            }

            Running.TryRemove(pid, out _);
        }
    }

    private static Action<string?>? HostLog(int port)
    {
        var dir = Environment.GetEnvironmentVariable("PEERFLOW_BENCH_HOST_LOGS");
        if (string.IsNullOrEmpty(dir))
        {
            return null;
        }

        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"host-{port.ToString(CultureInfo.InvariantCulture)}.log");
        var gate = new Lock();
        return line =>
        {
            if (line is not null)
            {
                lock (gate)
                {
                    File.AppendAllText(path, $"{DateTime.UtcNow:HH:mm:ss.fff} {line}\n");
                }
            }
        };
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
