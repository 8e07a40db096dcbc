namespace PeerFlow.Functions.Hosting;

/// <summary>
/// Whether the app runs behind App Service Authentication (the Azure Functions host sets this variable), so that the
/// staff guard trusts Easy Auth's header. A stopgap from the custom-handler days: the isolated-worker app replaces it
/// with a proper reading of the client principal.
/// </summary>
internal static class HostMode
{
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    public static bool IsFunctionsHost(IConfiguration configuration) => !string.IsNullOrEmpty(configuration[PortVariable]);
}
