using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace PeerFlow.Infra.Tests;

/// <summary>Runs the Bicep CLI that restore brought in with the NuGet package
/// Azure.Bicep.CommandLine.linux-x64, offline, from the repository root.</summary>
public static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private static readonly Lazy<string> LazyExecutable = new(FindExecutable);
    private static readonly Lazy<string> LazyRepositoryRoot = new(FindRepositoryRoot);

    /// <summary>A placeholder app registration id for compiling the .bicepparam files, which
    /// read the real one from PEERFLOW_AUTH_CLIENT_ID.</summary>
    public const string SampleAuthClientId = "11111111-2222-4333-8444-555555555555";

    /// <summary>A placeholder sender address for compiling the .bicepparam files, which read the
    /// real one from PEERFLOW_MAIL_FROM.</summary>
    public const string SampleMailFrom = "referrals@example.org";

    // The discard port on loopback: nothing listens, so every connection is refused at once.
    private const string OfflineProxy = "http://127.0.0.1:9";

    public static string RepositoryRoot => LazyRepositoryRoot.Value;

    public static string Executable => LazyExecutable.Value;

    public static async Task<BicepResult> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Nothing here needs the network: infra/ uses no registry modules (br:), and the CLI sends
        // no telemetry. At start-up the CLI still fetches the public module index in the
        // background (a failure is ignored); a proxy on a closed loopback port makes that fail at
        // once, without a DNS lookup or any traffic leaving the machine.
        start.Environment["BICEP_TRACING_ENABLED"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var proxy in new[] { "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY" })
        {
            start.Environment[proxy] = OfflineProxy;
            start.Environment[proxy.ToLowerInvariant()] = OfflineProxy;
        }

        start.Environment.Remove("NO_PROXY");
        start.Environment.Remove("no_proxy");
        start.Environment["PEERFLOW_AUTH_CLIENT_ID"] = SampleAuthClientId;
        start.Environment["PEERFLOW_MAIL_FROM"] = SampleMailFrom;

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start {Executable}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {Timeout}");
        }

        return new BicepResult(arguments, process.ExitCode, await stdout, await stderr);
    }

    private static string FindRepositoryRoot()
    {
        var candidates = new List<string?> { Metadata("PeerFlow.RepositoryRoot") };
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            candidates.Add(dir.FullName);
        }

        return candidates.FirstOrDefault(d => !string.IsNullOrEmpty(d) && File.Exists(Path.Combine(d, "PeerFlow.sln")))
            ?? throw new InvalidOperationException("Cannot find the repository root (the folder with PeerFlow.sln).");
    }

    // The package folder comes from the build (GeneratePathProperty); BICEP_PATH overrides it,
    // and the default NuGet global packages folder is the last resort.
    private static string FindExecutable()
    {
        var candidates = new List<string>();
        var overridePath = Environment.GetEnvironmentVariable("BICEP_PATH");
        if (!string.IsNullOrEmpty(overridePath))
        {
            candidates.Add(overridePath);
        }

        var packagePath = Metadata("PeerFlow.BicepPackagePath");
        if (!string.IsNullOrEmpty(packagePath))
        {
            candidates.Add(Path.Combine(packagePath, "tools", "bicep"));
        }

        var packagesRoot = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrEmpty(packagesRoot))
        {
            packagesRoot = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        }

        var packageDir = Path.Combine(packagesRoot, "azure.bicep.commandline.linux-x64");
        if (Directory.Exists(packageDir))
        {
            candidates.AddRange(Directory.GetDirectories(packageDir)
                .OrderDescending(StringComparer.Ordinal)
                .Select(d => Path.Combine(d, "tools", "bicep")));
        }

        var executable = candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "The Bicep CLI was not found; run `dotnet restore` (looked in: " + string.Join(", ", candidates) + ").");
        EnsureExecutable(executable);
        return executable;
    }

    // NuGet does not always keep the executable bit of files in a package.
    private static void EnsureExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        var mode = File.GetUnixFileMode(path);
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(path, mode | execute);
        }
    }

    private static string? Metadata(string key) =>
        typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value;
}

public sealed record BicepResult(IReadOnlyList<string> Arguments, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Diagnostic lines (warnings and errors) the CLI printed.</summary>
    public IReadOnlyList<string> Diagnostics =>
        StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Exit code 0 and nothing at all on stderr: no error, no warning, no notice.</summary>
    public bool IsClean => ExitCode == 0 && string.IsNullOrWhiteSpace(StandardError);

    public string Describe() =>
        $"bicep {string.Join(' ', Arguments)} exited {ExitCode}.\n--- stderr ---\n{StandardError}\n--- stdout (first 2000 chars) ---\n"
        + (StandardOutput.Length > 2000 ? StandardOutput[..2000] : StandardOutput);
}
