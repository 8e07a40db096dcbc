namespace PeerFlow.Web.Hosting;

/// <summary>
/// Work that runs outside a request (hosted services, timers). What the endpoints use per request is scoped (the
/// workflow client is each function's own in Azure, and <c>WorkflowSignals</c> and the actions take it), so a
/// singleton must never hold it: background work opens a scope of its own for each piece of work, in both hosts.
/// </summary>
public static class ScopedWork
{
    public static async Task RunInScopeAsync<TService>(this IServiceScopeFactory scopes, Func<TService, Task> work)
        where TService : notnull
    {
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = scopes.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
