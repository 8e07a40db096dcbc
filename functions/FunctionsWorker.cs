using Microsoft.Azure.Functions.Worker.Builder;

namespace PeerFlow.Functions;

/// <summary>The worker's host, built in one place: Program.cs runs it, and a test builds it with every lifetime checked.</summary>
public static class FunctionsWorker
{
    public static FunctionsApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddPeerFlowFunctions(builder.Configuration, builder.Environment);
        return builder;
    }
}
