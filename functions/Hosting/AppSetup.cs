using Azure.Data.Tables;
using PeerFlow.LocalEngine;
using PeerFlow.LocalEngine.Clock;
using PeerFlow.Orchestrations;
using PeerFlow.Functions.Api;
using PeerFlow.Functions.Dev;

namespace PeerFlow.Functions.Hosting;

internal static class AppSetup
{
    /// <summary>
    /// The Durable Task engine in this process: DurableTask.AzureStorage on the app's storage behind the gRPC
    /// sidecar, PeerFlow's workflows on its worker, and its client for the API. In development the sandbox clock
    /// comes with it and is the app's one clock; elsewhere time is the system's.
    /// </summary>
    public static IServiceCollection AddPeerFlowEngine(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, StorageClients storage)
    {
        var hub = configuration["PEERFLOW_TASK_HUB"] ?? "PeerFlow";
        var connection = storage.ConnectionString
            ?? throw new InvalidOperationException("The local engine runs on a storage connection string (Azurite); in Azure the Functions host runs the engine.");
        var clockStore = environment.IsDevelopment() ? new TableClockStore(new TableClient(connection, hub + "Clock")) : null;
        services.AddLocalDurableTask(
            new LocalEngineSetup(logs => LocalBackend.AzureStorage(connection, hub, logs), clockStore),
            registry => registry.AddPeerFlowWorkflows());
        return services;
    }

    public static IServiceCollection AddPeerFlowApi(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<StaffIdentity>();
        services.AddScoped<ApiServices>();
        services.AddSingleton<Actions.WorkflowSignals>();
        services.AddScoped<Actions.ReferralActions>();
        services.AddScoped<Actions.LinkActions>();
        services.AddScoped<Actions.MentorActions>();
        services.AddScoped<Actions.Submissions>();
        services.AddScoped<Actions.Erasure>();
        services.AddScoped<Actions.Alerts>();
        services.AddScoped<Actions.Caseload>();
        services.AddScoped<Actions.Evaluation>();
        services.AddProblemDetails();

        // A body that does not parse is the client's mistake: a 400 problem, not a 500, in every environment.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddOpenApi();
        return services;
    }
}
