using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace PeerFlow.Functions.Workflows;

/// <summary>Runs an activity class of orchestrations/ for its function, with the function's services.</summary>
internal static class Activity
{
    public static async Task<TOutput> RunAsync<TActivity, TInput, TOutput>(string name, TInput input, string instanceId, FunctionContext context)
        where TActivity : TaskActivity<TInput, TOutput>
    {
        var activity = ActivatorUtilities.GetServiceOrCreateInstance<TActivity>(context.InstanceServices);
        return await activity.RunAsync(new Context(name, instanceId), input);
    }

    private sealed class Context(string name, string instanceId) : TaskActivityContext
    {
        public override TaskName Name { get; } = name;

        public override string InstanceId { get; } = instanceId;
    }
}
