namespace PeerFlow.Functions.Hosting;

/// <summary>
/// Under Azure Functions the host tells the custom handler its port, and the host's triggers drive all work, so
/// the app runs no background loop and can scale to zero. Anywhere else PeerFlow runs its own worker.
/// </summary>
internal static class HostMode
{
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    public static bool IsFunctionsHost(IConfiguration configuration) => !string.IsNullOrEmpty(configuration[PortVariable]);
}
