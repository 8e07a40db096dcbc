using PeerFlow.Web.Hosting;
using PeerFlow.Web.SignIn;

namespace PeerFlow.LocalHost;

internal static class SignInSetup
{
    /// <summary>
    /// Locally everyone is the development identity, which starts only against Azurite. PEERFLOW_SIGN_IN=EasyAuth
    /// reads Easy Auth's header instead, as the Functions app does, so tests can check each role's access.
    /// </summary>
    public static IServiceCollection AddSignIn(this IServiceCollection services, IConfiguration configuration, StorageClients storage)
    {
        if (string.Equals(configuration["PEERFLOW_SIGN_IN"], "EasyAuth", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IStaffSignIn, EasyAuthSignIn>();
        }
        else
        {
            services.AddSingleton(DevelopmentIdentity.FromConfiguration(configuration, storage.ConnectionString));
            services.AddSingleton<IStaffSignIn, DevelopmentSignIn>();
        }

        return services;
    }
}
