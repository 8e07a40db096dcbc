using Microsoft.Extensions.DependencyInjection;

namespace PeerFlow.Durable;

/// <summary>Orchestrators and activities by name. Orchestrators may have several versions side by side.</summary>
public sealed class DurableRegistry
{
    private readonly Dictionary<string, Dictionary<string, Func<IServiceProvider, ITaskOrchestrator>>> orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<IServiceProvider, ITaskActivity>> activities = new(StringComparer.OrdinalIgnoreCase);

    public DurableRegistry AddOrchestrator<T>(string? name = null, string? version = null) where T : class, ITaskOrchestrator =>
        AddOrchestrator(name ?? typeof(T).Name, version, sp => ActivatorUtilities.CreateInstance<T>(sp));

    public DurableRegistry AddOrchestrator<TInput, TOutput>(string name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> run, string? version = null) =>
        AddOrchestrator(name, version, _ => new FuncOrchestrator<TInput, TOutput>(run));

    public DurableRegistry AddActivity<T>(string? name = null) where T : class, ITaskActivity =>
        AddActivity(name ?? typeof(T).Name, sp => ActivatorUtilities.CreateInstance<T>(sp));

    public DurableRegistry AddActivity<TInput, TOutput>(string name, Func<TaskActivityContext, TInput, Task<TOutput>> run) =>
        AddActivity(name, _ => new FuncActivity<TInput, TOutput>(run));

    public DurableRegistry AddOrchestrator(string name, string? version, Func<IServiceProvider, ITaskOrchestrator> factory)
    {
        if (!orchestrators.TryGetValue(name, out var versions))
        {
            orchestrators[name] = versions = new(StringComparer.OrdinalIgnoreCase);
        }

        versions[version ?? string.Empty] = factory;
        return this;
    }

    public DurableRegistry AddActivity(string name, Func<IServiceProvider, ITaskActivity> factory)
    {
        activities[name] = factory;
        return this;
    }

    public bool HasOrchestrator(string name) => orchestrators.ContainsKey(name);

    /// <summary>The registration for exactly this version, else the one registered without a version.</summary>
    internal ITaskOrchestrator? CreateOrchestrator(string name, string version, IServiceProvider services) =>
        orchestrators.TryGetValue(name, out var versions)
        && (versions.TryGetValue(version, out var factory) || versions.TryGetValue(string.Empty, out factory))
            ? factory(services)
            : null;

    internal ITaskActivity? CreateActivity(string name, IServiceProvider services) =>
        activities.TryGetValue(name, out var factory) ? factory(services) : null;
}
