using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PeerFlow.Functions.Http;
using PeerFlow.Web.Hosting;
using PeerFlow.Web.SignIn;

namespace PeerFlow.Functions;

public static class FunctionsSetup
{
    /// <summary>
    /// The worker's services: PeerFlow's endpoints and activities with the system clock, staff as Easy Auth says,
    /// and the workflow client of whichever function is running.
    /// </summary>
    public static IServiceCollection AddPeerFlowFunctions(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var storage = StorageSetup.CreateClients(configuration);
        services.AddPeerFlowWeb(configuration, environment, storage);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IStaffSignIn, EasyAuthSignIn>();
        services.AddSingleton<EndpointRunner>();

        // The endpoints take the engine's client from services; here it comes from each function's [DurableClient] binding.
        services.AddScoped<BoundWorkflowClient>();
        services.AddScoped<DurableTaskClient>(sp => sp.GetRequiredService<BoundWorkflowClient>().Client);
        return services;
    }
}
