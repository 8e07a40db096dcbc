using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using PeerFlow.Functions.Http;
using Microsoft.Extensions.DependencyInjection;

namespace PeerFlow.Functions.Workflows;

/// <summary>Runs an activity class of orchestrations/ for its function, with the function's services.</summary>
internal static class Activity
{
    /// <param name="workflows">The function's [DurableClient] binding, for an activity that starts workflows of its own.</param>
    public static async Task<TOutput> RunAsync<TActivity, TInput, TOutput>(string name, TInput input, string instanceId, FunctionContext context, DurableTaskClient? workflows = null)
        where TActivity : TaskActivity<TInput, TOutput>
    {
        if (workflows is not null)
        {
            context.InstanceServices.GetRequiredService<BoundWorkflowClient>().Client = workflows;
        }

        var activity = ActivatorUtilities.GetServiceOrCreateInstance<TActivity>(context.InstanceServices);
        return await activity.RunAsync(new Context(name, instanceId), input);
    }

    private sealed class Context(string name, string instanceId) : TaskActivityContext
    {
        public override TaskName Name { get; } = name;

        public override string InstanceId { get; } = instanceId;
    }
}
