using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace PeerFlow.LocalEngine.Tests;

public sealed class FailureReportTests
{
    /// <summary>
    /// A failed instance's message reaches the client on both backends, but not in the same place. In memory it comes
    /// as <see cref="OrchestrationMetadata.FailureDetails"/>. On Azure Storage, as in Azure, FailureDetails is null:
    /// DurableTask.AzureStorage builds an instance's state from its history and keeps only the failure's text, as the
    /// output (and the sidecar writes no FailureDetails into the ExecutionCompleted event either). Code that reports
    /// a failure must read <see cref="OrchestrationMetadata.SerializedOutput"/> when FailureDetails is null.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_failed_instance_reports_its_failure_message_to_the_client(bool onAzurite)
    {
        await using var host = await EngineHost.StartAsync(
            r => r
                .AddActivityFunc<string>("step", _ => "done")
                .AddOrchestratorFunc<string>("fails", async ctx =>
                {
                    await ctx.CallActivityAsync<string>("step");
                    throw new InvalidOperationException("the referral has no mentor");
                }),
            onAzurite);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("fails");
        using var cts = Wait.Bound();
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("the referral has no mentor", done.FailureDetails?.ErrorMessage ?? done.SerializedOutput ?? "", StringComparison.Ordinal);
        if (!onAzurite)
        {
            Assert.Equal(typeof(InvalidOperationException).FullName, done.FailureDetails?.ErrorType);
        }
    }
}
