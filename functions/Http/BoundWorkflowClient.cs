using Microsoft.DurableTask.Client;

namespace PeerFlow.Functions.Http;

/// <summary>
/// The Durable Functions client of the function being run. Durable Functions hands it to a function through the
/// [DurableClient] binding, not through services, so each HTTP function sets it here before its endpoint runs.
/// </summary>
public sealed class BoundWorkflowClient
{
    private DurableTaskClient? client;

    public DurableTaskClient Client
    {
        get => client ?? throw new InvalidOperationException("No workflow client: this function has no [DurableClient] binding.");
        set => client = value;
    }
}
