using PeerFlow.Web.Hosting;
using PeerFlow.Web.SignIn;

namespace PeerFlow.LocalHost;

internal static class SignInSetup
{
    /// <summary>
    /// Locally everyone is the development identity, which starts only against Azurite. PEERFLOW_SIGN_IN=EasyAuth
    /// reads Easy Auth's header instead, as the Functions app does, so tests can check each role's access; nothing
    /// strips that header in front of the local host, so it too starts only against Azurite.
    /// </summary>
    public static IServiceCollection AddSignIn(this IServiceCollection services, IConfiguration configuration, StorageClients storage)
    {
        if (!UsesDevelopmentIdentity(configuration))
        {
            if (!DevelopmentIdentity.IsAzurite(storage.ConnectionString))
            {
                throw new InvalidOperationException(
                    "PEERFLOW_SIGN_IN=EasyAuth trusts X-MS-CLIENT-PRINCIPAL from anyone when no App Service Authentication is in front, "
                    + "so the local host allows it only against Azurite. In Azure, deploy the Functions app.");
            }

            services.AddSingleton<IStaffSignIn, EasyAuthSignIn>();
        }
        else
        {
            services.AddSingleton(DevelopmentIdentity.FromConfiguration(configuration, storage.ConnectionString));
            services.AddSingleton<IStaffSignIn, DevelopmentSignIn>();
        }

        return services;
    }

    /// <summary>True unless PEERFLOW_SIGN_IN=EasyAuth: everyone is the development identity.</summary>
    public static bool UsesDevelopmentIdentity(IConfiguration configuration) =>
        !string.Equals(configuration["PEERFLOW_SIGN_IN"], "EasyAuth", StringComparison.OrdinalIgnoreCase);
}
