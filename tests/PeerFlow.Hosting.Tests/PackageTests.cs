using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker;

namespace PeerFlow.Hosting.Tests;

/// <summary>
/// The deployment package that `./peerflow publish` builds: its functions.metadata lists every function with its
/// bindings, host.json is PeerFlow's, and the Durable extension is there for the host to load.
/// </summary>
public sealed class PackageTests : IClassFixture<PackageTests.Package>
{
    private readonly Package package;

    public PackageTests(Package package) => this.package = package;

    [Fact]
    public void Metadata_ListsEveryFunction_WithItsTriggerBinding()
    {
        var metadata = JsonNode.Parse(package.Read("functions.metadata"))!.AsArray();
        var listed = metadata.ToDictionary(f => (string)f!["name"]!, f => f!["bindings"]!.AsArray());

        Assert.Equal(FunctionsAssembly.Functions.Select(f => f.Name).Order(), listed.Keys.Order());
        foreach (var (name, method) in FunctionsAssembly.Functions)
        {
            var bindings = listed[name];
            var trigger = bindings.Single(b => ((string)b!["type"]!).EndsWith("Trigger", StringComparison.Ordinal))!;
            var expected =
                FunctionsAssembly.Trigger<HttpTriggerAttribute>(method) is not null ? "httpTrigger"
                : FunctionsAssembly.Trigger<OrchestrationTriggerAttribute>(method) is not null ? "orchestrationTrigger"
                : FunctionsAssembly.Trigger<ActivityTriggerAttribute>(method) is not null ? "activityTrigger"
                : FunctionsAssembly.Trigger<TimerTriggerAttribute>(method) is not null ? "timerTrigger"
                : "none";
            Assert.Equal(expected, (string)trigger["type"]!);

            if (FunctionsAssembly.Trigger<HttpTriggerAttribute>(method) is { } http)
            {
                Assert.Equal(http.Route, (string)trigger["route"]!);
                Assert.Equal(http.Methods!.Select(m => m.ToUpperInvariant()), trigger["methods"]!.AsArray().Select(m => ((string)m!).ToUpperInvariant()));
                Assert.Equal("Anonymous", (string)trigger["authLevel"]!); // Easy Auth signs staff in, not function keys
                Assert.Contains(bindings, b => (string)b!["type"]! == "durableClient");
            }
        }

        Assert.Contains(metadata, f => (string)f!["name"]! == "ReferralLifecycle");
        Assert.Contains(metadata, f => (string)f!["name"]! == "KeepReportScheduleRunning");
    }

    [Fact]
    public void HostJson_IsTheRepositorysOne_WithPagesAtTheRootAndTheTaskHubFromSettings()
    {
        var packaged = JsonNode.Parse(package.Read("host.json"))!;
        var repository = JsonNode.Parse(File.ReadAllText(Path.Combine(Package.RepositoryRoot, "host.json")))!;

        Assert.Equal(repository.ToJsonString(), packaged.ToJsonString());
        Assert.Equal("", (string)packaged["extensions"]!["http"]!["routePrefix"]!);
        Assert.Equal("%PEERFLOW_TASK_HUB%", (string)packaged["extensions"]!["durableTask"]!["hubName"]!);
        Assert.Equal("AzureStorage", (string)packaged["extensions"]!["durableTask"]!["storageProvider"]!["type"]!);
        Assert.Null(packaged["customHandler"]);
    }

    /// <summary>
    /// Emailed links carry their token in the query string (issue 19 item 9), which the host leaves out of request
    /// telemetry only while this is false: its default, written down so that turning it on is a visible change.
    /// </summary>
    [Fact]
    public void HostJson_KeepsQueryStrings_AndSoLinkTokens_OutOfRequestTelemetry()
    {
        var insights = JsonNode.Parse(package.Read("host.json"))!["logging"]!["applicationInsights"]!;

        Assert.False((bool)insights["enableQueryStringTracing"]!);
        var link = new Uri(new PeerFlow.Domain.Links.PublicUrls(new Uri("https://peerflow.example/")).Link(PeerFlow.Domain.Links.LinkAction.LogCheckIn, "1767225600.Secret"));
        Assert.DoesNotContain("Secret", link.GetLeftPart(UriPartial.Path), StringComparison.Ordinal);
    }

    [Fact]
    public void HostJson_StampsNewInstancesWithTheCodesWorkflowVersion_AndLeavesNewerOnesForNewerWorkers()
    {
        var durable = JsonNode.Parse(package.Read("host.json"))!["extensions"]!["durableTask"]!;

        // The local host stamps WorkflowVersion.Current itself; in Azure host.json does, so the two must agree.
        Assert.Equal(PeerFlow.Orchestrations.WorkflowVersion.Current, (string)durable["defaultVersion"]!);
        Assert.Equal("CurrentOrOlder", (string)durable["versionMatchStrategy"]!);
        Assert.Equal("Reject", (string)durable["versionFailureStrategy"]!);
    }

    [Fact]
    public void Package_HoldsTheDurableExtension_TheWorker_AndTheOrganisation()
    {
        Assert.Contains(".azurefunctions/Microsoft.Azure.WebJobs.Extensions.DurableTask.dll", package.Entries);
        Assert.Contains(".azurefunctions/DurableTask.AzureStorage.dll", package.Entries);
        Assert.Contains("PeerFlow.Functions.dll", package.Entries);
        Assert.Contains("worker.config.json", package.Entries);
        Assert.Contains("organisation.json", package.Entries);
        Assert.DoesNotContain(package.Entries, e => e.StartsWith("wwwroot/", StringComparison.Ordinal) || e.Contains("LocalEngine", StringComparison.Ordinal));
    }

    /// <summary>The package `./peerflow test` built (PEERFLOW_PACKAGE), or one built here the same way.</summary>
    public sealed class Package : IDisposable
    {
        private readonly ZipArchive zip;
        private readonly string? built;

        public Package()
        {
            var path = Environment.GetEnvironmentVariable("PEERFLOW_PACKAGE");
            if (string.IsNullOrEmpty(path) || !File.Exists(path))
            {
                built = Path.Combine(Path.GetTempPath(), "peerflow-package-" + Guid.NewGuid().ToString("N") + ".zip");
                using var publish = Process.Start(new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot, "peerflow"), "publish", "--output", built]) { WorkingDirectory = RepositoryRoot })!;
                publish.WaitForExit();
                Assert.True(publish.ExitCode == 0, "./peerflow publish failed");
                path = built;
            }

            zip = ZipFile.OpenRead(path);
            Entries = [.. zip.Entries.Select(e => e.FullName.Replace('\\', '/'))];
        }

        public static string RepositoryRoot
        {
            get
            {
                var directory = new DirectoryInfo(AppContext.BaseDirectory);
                while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PeerFlow.sln")))
                {
                    directory = directory.Parent;
                }

                return directory?.FullName ?? throw new InvalidOperationException("Not inside the PeerFlow repository.");
            }
        }

        public IReadOnlyList<string> Entries { get; }

        public string Read(string entry)
        {
            using var reader = new StreamReader(zip.GetEntry(entry)!.Open());
            return reader.ReadToEnd();
        }

        public void Dispose()
        {
            zip.Dispose();
            if (built is not null)
            {
                File.Delete(built);
            }
        }
    }
}
