using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;

namespace PeerFlow.Functions.Tests;

/// <summary>The deployment package is what the Functions host will find on disk, so its layout is checked for real.</summary>
public class PublishLayoutTests
{
    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PeerFlow.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("PeerFlow.sln not found above the test binaries.");
    }

    private static async Task<string> PublishAsync(string root, string output)
    {
        var start = new ProcessStartInfo("bash", ["peerflow", "publish", output])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"./peerflow publish failed:\n{await stdout}\n{await stderr}");
        return (await stdout).Trim();
    }

    [Fact]
    public async Task Package_HasHostJsonFunctionFoldersAndAnExecutableHandler_AtItsRoot()
    {
        var root = RepositoryRoot();
        var output = Path.Combine(Path.GetTempPath(), "peerflow-publish-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var zipPath = await PublishAsync(root, output);
            using var zip = ZipFile.OpenRead(Path.IsPathRooted(zipPath) ? zipPath : Path.Combine(root, zipPath));
            var entries = zip.Entries.ToDictionary(e => e.FullName.Replace('\\', '/'), StringComparer.Ordinal);

            using var host = JsonDocument.Parse(entries["host.json"].Open());
            var executable = host.RootElement.GetProperty("customHandler").GetProperty("description").GetProperty("defaultExecutablePath").GetString()!;
            Assert.True(entries.ContainsKey(executable), $"host.json names {executable}, which is not in the package");
            var mode = (entries[executable].ExternalAttributes >> 16) & 0b001_001_001;
            Assert.True(mode != 0, "the handler lost its executable bit");

            foreach (var function in new[] { "Http", "WorkQueue", "TimerPump" })
            {
                using var definition = JsonDocument.Parse(entries[$"{function}/function.json"].Open());
                Assert.NotEmpty(definition.RootElement.GetProperty("bindings").EnumerateArray());
            }

            using var queue = JsonDocument.Parse(entries["WorkQueue/function.json"].Open());
            Assert.Equal("peerflow-work", queue.RootElement.GetProperty("bindings")[0].GetProperty("queueName").GetString());
            Assert.DoesNotContain(entries.Keys, k => k.StartsWith("bindings/", StringComparison.Ordinal));

            // The pages' stylesheet is served from the content root, which is the package root (host.json's workingDirectory).
            Assert.Contains("wwwroot/css/peerflow.css", entries.Keys);
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }
}
