using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Azure.Data.Tables;
using DurableTask.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace PeerFlow.LocalEngine.Tests;

/// <summary>
/// The engine in a child process (tests/PeerFlow.LocalEngine.Tests.Child) killed with SIGKILL mid-activity, and a new
/// process on the same task hub taking over: the Azure Storage backend's recovery with the local tuning
/// (<see cref="LocalBackend.AzureStorage"/>), and the idempotency-key pattern that keeps a re-run activity from acting
/// twice.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper log)
{
    private const int Instances = 3;
    private const int Steps = 5;
    private const int StallAt = 2;

    [Fact]
    public async Task After_a_SIGKILL_a_new_process_finishes_every_instance_and_each_step_is_recorded_once()
    {
        var hub = EngineHost.NewHubName();
        var table = new TableClient(EngineHost.Storage, hub + "Steps");
        var ids = Enumerable.Range(0, Instances).Select(i => $"job{i}").ToList();

        await using var first = Child.Start(hub, "--start", $"{Instances}", $"{Steps}", "--stall-at", $"{StallAt}");
        // Every instance has recorded its stalled step, whose activity now hangs before reporting it done.
        await Wait.UntilAsync(
            async () => (await RecordsAsync(table)).Count(r => r.Step == StallAt) == Instances,
            () => $"every instance to record step {StallAt}; first child said:\n{first.Output}");
        var killedAt = DateTimeOffset.UtcNow;
        await first.KillAsync();

        await using var second = Child.Start(hub);
        var backend = LocalBackend.AzureStorage(EngineHost.Storage, hub, NullLoggerFactory.Instance);
        try
        {
            await Wait.UntilAsync(
                async () =>
                {
                    foreach (var id in ids)
                    {
                        var state = (await backend.Client.GetOrchestrationStateAsync(id, allExecutions: false)).SingleOrDefault();
                        if (state?.OrchestrationStatus is OrchestrationStatus.Failed or OrchestrationStatus.Terminated)
                        {
                            throw new InvalidOperationException($"{id} ended {state.OrchestrationStatus}: {state.Output}");
                        }

                        if (state?.OrchestrationStatus != OrchestrationStatus.Completed)
                        {
                            return false;
                        }
                    }

                    return true;
                },
                () => $"every instance to complete after the kill; second child said:\n{second.Output}",
                TimeSpan.FromMinutes(3));
        }
        finally
        {
            (backend.Service as IDisposable)?.Dispose();
        }

        var completedAt = DateTimeOffset.UtcNow;

        var records = await RecordsAsync(table);
        var attempts = await AttemptsAsync(table);
        foreach (var id in ids)
        {
            // Every step once: none lost to the kill, none recorded twice by the step that ran again after it.
            Assert.Equal(Enumerable.Range(1, Steps), records.Where(r => r.InstanceId == id).Select(r => r.Step).Order());
            // The stalled step did run again in the new process, and found its key.
            Assert.Contains(attempts, a => a.InstanceId == id && a.Step == StallAt && a.Pid == second.Pid);
            Assert.DoesNotContain(records, r => r.InstanceId == id && r.Step == StallAt && r.Pid == second.Pid);
        }

        var resumed = attempts.Where(a => a.Pid == second.Pid).Min(a => a.At);
        // How soon is a measurement (docs/reliability.md), not something a busy machine can be held to.
        log.WriteLine($"killed at {killedAt:O}; first step after it at {resumed:O} ({resumed - killedAt}); all done at {completedAt:O} ({completedAt - killedAt})");
    }

    [Fact]
    public async Task Three_processes_share_one_task_hub_and_when_one_is_killed_the_others_finish_its_work_each_step_once()
    {
        const int jobs = 6;
        var hub = EngineHost.NewHubName();
        var table = new TableClient(EngineHost.Storage, hub + "Steps");
        var ids = Enumerable.Range(0, jobs).Select(i => $"job{i}").ToList();

        // Only the first stalls at the step, so a kill lands between its side effect and the engine's record of it.
        // The others join once it has stalled: started together, they could take every step-2 activity from the
        // shared work-item queue before the first did, and leave it nothing to be killed in the middle of.
        await using var doomed = Child.Start(hub, "--start", $"{jobs}", $"{Steps}", "--stall-at", $"{StallAt}");
        await Wait.UntilAsync(
            async () => (await RecordsAsync(table)).Any(r => r.Step == StallAt && r.Pid == doomed.Pid),
            () => $"the first process to be part-way through step {StallAt}; it said:\n{doomed.Output}");
        await using var second = Child.Start(hub);
        await using var third = Child.Start(hub);
        // Both have joined the hub (each prints once its engine has started) before the kill.
        await Wait.UntilAsync(
            () => Task.FromResult(second.Output.Contains("running on", StringComparison.Ordinal) && third.Output.Contains("running on", StringComparison.Ordinal)),
            () => $"the other two processes to start; they said:\n{second.Output}\n{third.Output}");
        await doomed.KillAsync();

        var backend = LocalBackend.AzureStorage(EngineHost.Storage, hub, NullLoggerFactory.Instance);
        try
        {
            await Wait.UntilAsync(
                async () => (await Task.WhenAll(ids.Select(async id => (await backend.Client.GetOrchestrationStateAsync(id, allExecutions: false)).SingleOrDefault())))
                    .All(state => state?.OrchestrationStatus == OrchestrationStatus.Completed
                        || (state?.OrchestrationStatus is OrchestrationStatus.Failed or OrchestrationStatus.Terminated
                            ? throw new InvalidOperationException($"{state.OrchestrationInstance.InstanceId} ended {state.OrchestrationStatus}: {state.Output}")
                            : false)),
                () => $"every instance to complete on the two left; they said:\n{second.Output}\n{third.Output}",
                TimeSpan.FromMinutes(8));
        }
        finally
        {
            (backend.Service as IDisposable)?.Dispose();
        }

        var records = await RecordsAsync(table);
        foreach (var id in ids)
        {
            Assert.Equal(Enumerable.Range(1, Steps), records.Where(r => r.InstanceId == id).Select(r => r.Step).Order());
        }

        // The survivors did the rest between them, the killed one's stalled steps included.
        Assert.Contains(records, r => r.Pid == second.Pid || r.Pid == third.Pid);
        log.WriteLine($"steps by process: {string.Join(", ", records.GroupBy(r => r.Pid).Select(g => $"{g.Key}: {g.Count()}"))}");
    }

    private static async Task<List<Row>> RecordsAsync(TableClient table)
    {
        var rows = new List<Row>();
        try
        {
            await foreach (var e in table.QueryAsync<TableEntity>("PartitionKey ne 'attempt'"))
            {
                rows.Add(new Row(e.PartitionKey, e.GetInt32("Step")!.Value, e.GetInt32("Pid")!.Value, e.GetDateTimeOffset("At")!.Value));
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // The child has not created its table yet.
        }

        return rows;
    }

    private static async Task<List<Row>> AttemptsAsync(TableClient table)
    {
        var rows = new List<Row>();
        await foreach (var e in table.QueryAsync<TableEntity>("PartitionKey eq 'attempt'"))
        {
            rows.Add(new Row(e.GetString("InstanceId"), e.GetInt32("Step")!.Value, e.GetInt32("Pid")!.Value, e.GetDateTimeOffset("At")!.Value));
        }

        return rows;
    }

    private sealed record Row(string InstanceId, int Step, int Pid, DateTimeOffset At);

    /// <summary>The child process, started with `dotnet &lt;dll&gt; HUB ...`; killed with its tree when disposed.</summary>
    private sealed class Child : IAsyncDisposable
    {
        private readonly Process process;
        private readonly ConcurrentQueue<string> output = new();

        private Child(Process process)
        {
            this.process = process;
        }

        public int Pid => process.Id;

        public string Output => string.Join('\n', output.TakeLast(60));

        public static Child Start(string hub, params string[] args)
        {
            var dll = typeof(CrashRecoveryTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "ChildDll").Value!;
            Assert.True(File.Exists(dll), $"the child process is not built at {dll}");
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(dll);
            start.ArgumentList.Add(hub);
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["PEERFLOW_STORAGE"] = EngineHost.Storage;
            var process = new Process { StartInfo = start };
            var child = new Child(process);
            process.OutputDataReceived += (_, e) => child.Note(e.Data);
            process.ErrorDataReceived += (_, e) => child.Note(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return child;
        }

        public async Task KillAsync()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(cts.Token);
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await KillAsync();
            }
            finally
            {
                process.Dispose();
            }
        }

        private void Note(string? line)
        {
            if (line is not null)
            {
                output.Enqueue(line);
            }
        }
    }
}
