using PeerFlow.Durable;
using PeerFlow.Durable.Worker;
using PeerFlow.Functions.Api;
using PeerFlow.Functions.Dev;

namespace PeerFlow.Functions.Hosting;

internal static class AppSetup
{
    /// <summary>One clock for everything; in development it is the sandbox clock, which can be moved forward.</summary>
    public static IServiceCollection AddPeerFlowTime(this IServiceCollection services, IHostEnvironment environment)
    {
        if (environment.IsDevelopment())
        {
            var sandbox = new SandboxClock();
            services.AddSingleton(sandbox);
            services.AddSingleton<TimeProvider>(sandbox);
        }
        else
        {
            services.AddSingleton(TimeProvider.System);
        }

        return services;
    }

    /// <summary>Under the Functions host its triggers drive the engine; anywhere else PeerFlow's own worker does.</summary>
    public static IServiceCollection AddPeerFlowWorker(this IServiceCollection services, IConfiguration configuration)
    {
        if (HostMode.IsFunctionsHost(configuration))
        {
            services.AddSingleton<DurableWorkerService>();
        }
        else
        {
            services.AddDurableWorker();
        }

        return services;
    }

    public static IServiceCollection AddPeerFlowApi(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<StaffIdentity>();
        services.AddScoped<ApiServices>();
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
