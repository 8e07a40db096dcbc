using PeerFlow.Durable;
using PeerFlow.Functions.CustomHandler;
using PeerFlow.Functions.Hosting;

// PeerFlow's app: the Azure Functions custom handler in Azure (the host starts it, probes GET / and forwards
// requests and trigger invocations to it) and a standalone server with its own worker everywhere else.
var builder = WebApplication.CreateBuilder(args);
if (builder.Configuration[HostMode.PortVariable] is { Length: > 0 } port)
{
    builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
}

builder.Services.AddPeerFlowStorage(builder.Configuration);
builder.Services.AddDurable(_ => { }, o => o.TaskHub = builder.Configuration["PEERFLOW_TASK_HUB"] ?? "PeerFlow");
if (HostMode.IsFunctionsHost(builder.Configuration))
{
    builder.Services.AddSingleton<PeerFlow.Durable.Worker.DurableWorkerService>();
}
else
{
    builder.Services.AddDurableWorker();
}

var app = builder.Build();
app.MapGet("/", () => Results.Ok());
app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
app.MapInvocationEndpoints();
app.Run();

/// <summary>The entry point, visible to functional tests.</summary>
public partial class Program;
