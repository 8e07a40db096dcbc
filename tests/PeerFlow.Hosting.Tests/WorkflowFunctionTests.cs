using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using PeerFlow.Orchestrations;

namespace PeerFlow.Hosting.Tests;

/// <summary>
/// The hand-written orchestration and activity functions match the workflows the local host registers: same names,
/// same input and output types, so Durable Functions runs exactly what the tests run.
/// </summary>
public class WorkflowFunctionTests
{
    private static readonly Type[] WorkflowTypes = typeof(ReferralLifecycle).Assembly.GetTypes();

    public static TheoryData<string> Activities => [.. WorkflowTypes.Where(t => !t.IsAbstract && BaseOf(t, typeof(TaskActivity<,>)) is not null).Select(t => t.Name)];

    public static TheoryData<string> Orchestrators => [.. WorkflowTypes.Where(t => !t.IsAbstract && BaseOf(t, typeof(TaskOrchestrator<,>)) is not null).Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Activities))]
    public void EveryActivity_HasAnActivityFunction_OfItsNameAndTypes(string name)
    {
        var type = WorkflowTypes.Single(t => t.Name == name);
        var (input, output) = Arguments(BaseOf(type, typeof(TaskActivity<,>))!);
        Assert.Equal(name, typeof(ActivityNames).GetField(name)?.GetValue(null));

        var function = Assert.Single(FunctionsAssembly.Functions, f => f.Name == name).Method;
        var trigger = Assert.Single(function.GetParameters(), p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null);
        Assert.Equal(input, trigger.ParameterType);
        Assert.Equal(typeof(Task<>).MakeGenericType(output), function.ReturnType);
    }

    [Theory]
    [MemberData(nameof(Orchestrators))]
    public void EveryOrchestrator_HasAnOrchestrationFunction_OfItsName(string name)
    {
        var type = WorkflowTypes.Single(t => t.Name == name);
        var (_, output) = Arguments(BaseOf(type, typeof(TaskOrchestrator<,>))!);
        Assert.Equal(name, type.GetField("Name")?.GetValue(null));

        var function = Assert.Single(FunctionsAssembly.Functions, f => f.Name == name).Method;
        Assert.Single(function.GetParameters(), p => p.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null && p.ParameterType == typeof(TaskOrchestrationContext));
        Assert.Equal(typeof(Task<>).MakeGenericType(output), function.ReturnType);
    }

    [Fact]
    public void EveryWorkflowFunction_IsAWorkflowOfTheRegistration()
    {
        var registry = new DurableTaskRegistry().AddPeerFlowWorkflows();
        var names = Registered(registry, "Activities").Concat(Registered(registry, "Orchestrators")).ToList();
        var workflowFunctions = FunctionsAssembly.Functions
            .Where(f => f.Method.GetParameters().Any(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null || p.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null))
            .Select(f => f.Name)
            .ToList();

        Assert.Equal(23, names.Count);
        Assert.Equal(names.Order(), workflowFunctions.Order());
    }

    /// <summary>The names the registry holds (internal to Microsoft.DurableTask: read by reflection, so a change there fails here loudly).</summary>
    private static IEnumerable<string> Registered(DurableTaskRegistry registry, string property)
    {
        var entries = (System.Collections.IEnumerable)typeof(DurableTaskRegistry).GetProperty(property, BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(registry)!;
        foreach (var entry in entries)
        {
            var key = (TaskName)entry.GetType().GetProperty("Key")!.GetValue(entry)!;
            yield return key.Name;
        }
    }

    private static Type? BaseOf(Type type, Type generic)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == generic)
            {
                return t;
            }
        }

        return null;
    }

    private static (Type Input, Type Output) Arguments(Type closed) => (closed.GetGenericArguments()[0], closed.GetGenericArguments()[1]);
}
