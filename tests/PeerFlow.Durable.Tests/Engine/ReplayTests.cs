using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PeerFlow.Durable.Execution;
using PeerFlow.Durable.History;
using PeerFlow.Durable.Testing;
using PeerFlow.Durable.Worker;

namespace PeerFlow.Durable.Tests.Engine;

public class ReplayTests
{
    private static async Task<IReadOnlyList<HistoryEvent>> RecordedHistory()
    {
        await using var host = new DurableTestHost(r => r
            .AddOrchestrator<object?, string>("Flow", async (ctx, _) =>
            {
                await ctx.CallActivityAsync<int>("A");
                return await ctx.WaitForExternalEvent<string>("go");
            })
            .AddActivity<object?, int>("A", (_, _) => Task.FromResult(1)));
        var id = await host.StartAsync("Flow");
        return (await host.GetStatusAsync(id)).History!;
    }

    private static OrchestrationExecution Execution(IReadOnlyList<HistoryEvent> history, ITaskOrchestrator orchestrator) =>
        new("r", 0, (ExecutionStarted)history[0], orchestrator, DataConverter.Default, NullLoggerFactory.Instance);

    [Fact]
    public async Task Replay_OfTheSameCode_RebuildsTheWaitingState()
    {
        var history = await RecordedHistory();
        var execution = Execution(history, new FuncOrchestrator<object?, string>(async (ctx, _) =>
        {
            await ctx.CallActivityAsync<int>("A");
            return await ctx.WaitForExternalEvent<string>("go");
        }));

        execution.Replay(history);
        var actions = execution.RunEpisode([new EventRaised("go", "\"x\"")]);

        var done = Assert.IsType<ExecutionCompleted>(Assert.Single(actions));
        Assert.Equal("\"x\"", done.Output);
    }

    [Fact]
    public async Task Replay_ThatCallsADifferentActivity_NamesExpectedAndActual()
    {
        var history = await RecordedHistory();
        var execution = Execution(history, new FuncOrchestrator<object?, string>(async (ctx, _) =>
        {
            await ctx.CallActivityAsync<int>("B");
            return "x";
        }));

        var error = Assert.Throws<NonDeterministicOrchestrationException>(() => execution.Replay(history));

        Assert.Contains("call activity 'A' (task 0)", error.Message);
        Assert.Contains("call activity 'B' (task 0)", error.Message);
    }

    [Fact]
    public async Task Replay_ThatSkipsAnAction_SaysTheOrchestratorFinished()
    {
        var history = await RecordedHistory();
        var execution = Execution(history, new FuncOrchestrator<object?, string>((_, _) => Task.FromResult("x")));

        var error = Assert.Throws<NonDeterministicOrchestrationException>(() => execution.Replay(history));

        Assert.Contains("call activity 'A'", error.Message);
        Assert.Contains("complete", error.Message);
    }

    [Fact]
    public async Task ChangedCode_FailsTheInstance_WhenItIsNextReplayed()
    {
        var version = "A";
        await using var host = new DurableTestHost(r => r
            .AddOrchestrator<object?, string>("Flow", async (ctx, _) =>
            {
                await ctx.CallActivityAsync<int>(version);
                return await ctx.WaitForExternalEvent<string>("go");
            })
            .AddActivity<object?, int>("A", (_, _) => Task.FromResult(1))
            .AddActivity<object?, int>("B", (_, _) => Task.FromResult(2)));
        var id = await host.StartAsync("Flow");

        version = "B";
        host.Services.GetRequiredService<OrchestrationProcessor>().Forget(id);
        await host.RaiseEventAsync(id, "go", "x");

        var status = await host.GetStatusAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, status.Status);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, status.Record.Failure!.ErrorType);
        Assert.Contains("'A'", status.Record.Failure.ErrorMessage);
        Assert.Contains("'B'", status.Record.Failure.ErrorMessage);
    }

    [Fact]
    public async Task NewGuid_IsTheSameOnReplay()
    {
        var guids = new List<Guid>();
        await using var host = new DurableTestHost(r => r
            .AddOrchestrator<object?, string>("Ids", async (ctx, _) =>
            {
                guids.Add(ctx.NewGuid());
                await ctx.WaitForExternalEvent<string>("go");
                return ctx.NewGuid().ToString();
            }));
        var id = await host.StartAsync("Ids");

        host.Services.GetRequiredService<OrchestrationProcessor>().Forget(id);
        await host.RaiseEventAsync(id, "go");

        Assert.Equal(2, guids.Count);
        Assert.Equal(guids[0], guids[1]);
        Assert.NotEqual(guids[0].ToString(), (await host.GetStatusAsync(id)).ReadOutputAs<string>());
    }
}
