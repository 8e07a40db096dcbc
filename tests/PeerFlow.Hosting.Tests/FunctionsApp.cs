extern alias FunctionsApp;

using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace PeerFlow.Hosting.Tests;

/// <summary>The Functions app's functions, read from its assembly the way the Worker SDK reads them.</summary>
public static class FunctionsAssembly
{
    public static Assembly Assembly { get; } = typeof(FunctionsApp::PeerFlow.Functions.Http.EndpointRunner).Assembly;

    public static IReadOnlyList<(string Name, MethodInfo Method)> Functions { get; } =
    [
        .. Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (m.GetCustomAttribute<FunctionAttribute>()?.Name, m))
            .Where(f => f.Name is not null)
            .Select(f => (f.Name!, f.m)),
    ];

    public static IReadOnlyList<(string Name, string Route, string Method)> HttpFunctions { get; } =
    [
        .. from f in Functions
           let trigger = f.Method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).SingleOrDefault(a => a is not null)
           where trigger is not null
           from method in trigger.Methods ?? []
           select (f.Name, trigger.Route ?? f.Name, method.ToUpperInvariant()),
    ];

    public static T? Trigger<T>(MethodInfo method)
        where T : Attribute => method.GetParameters().Select(p => p.GetCustomAttribute<T>()).SingleOrDefault(a => a is not null);
}
