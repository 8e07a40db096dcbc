using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Logging;

namespace PeerFlow.LocalEngine;

/// <summary>The backend the sidecar serves: its dispatch side and its client side, which are one object in both kinds.</summary>
public sealed record LocalBackend(IOrchestrationService Service, IOrchestrationServiceClient Client)
{
    /// <summary>
    /// DurableTask.AzureStorage, the backend Durable Functions runs on in Azure, tuned for one process on a laptop.
    /// Azure's defaults assume many workers and minutes of patience: a killed process's messages stay invisible for
    /// the 5-minute visibility timeout and its partitions leased for 30 s more, and the app lease makes a restarted
    /// process wait a further minute. Locally there is one process and a developer watching, so work left by a
    /// crash is picked up within about half a minute, and an idle hub is polled at least every second so a timer or
    /// a raised event is seen promptly. host.json keeps Azure's values where they differ, and says why.
    /// </summary>
    public static LocalBackend AzureStorage(string connectionString, string taskHub, ILoggerFactory loggerFactory)
    {
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            TaskHubName = taskHub,
            PartitionCount = 4,
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(30),
            WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(30),
            MaxQueuePollingInterval = TimeSpan.FromSeconds(1),
            LeaseInterval = TimeSpan.FromSeconds(20),
            LeaseRenewInterval = TimeSpan.FromSeconds(5),
            LeaseAcquireInterval = TimeSpan.FromSeconds(5),
            UseAppLease = false,
            LoggerFactory = loggerFactory,
        });
        return new LocalBackend(service, service);
    }

    /// <summary>The in-memory backend, for tests of workflow logic only: nothing is stored.</summary>
    public static LocalBackend InMemory(ILoggerFactory loggerFactory)
    {
        var service = new InMemoryOrchestrationService(loggerFactory);
        return new LocalBackend(service, service);
    }
}
