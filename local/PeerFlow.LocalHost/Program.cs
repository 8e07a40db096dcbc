using PeerFlow.Domain.Email;
using PeerFlow.Domain.Sms;
using PeerFlow.LocalHost;
using PeerFlow.LocalHost.Dev;
using PeerFlow.Web.Endpoints;
using PeerFlow.Web.Hosting;



// The local host: PeerFlow's endpoints (web/) and workflows on the Durable Task engine hosted in this process
// (DurableTask.AzureStorage behind the gRPC sidecar; see local/PeerFlow.LocalEngine). In Azure, functions/ serves the
// same endpoints and Durable Functions runs the same workflows.
var builder = WebApplication.CreateBuilder(args);

var storage = StorageSetup.CreateClients(builder.Configuration);
builder.Services.AddPeerFlowWeb(builder.Configuration, builder.Environment, storage);
builder.Services.AddPeerFlowEngine(builder.Configuration, builder.Environment, storage);
builder.Services.AddSignIn(builder.Configuration, storage);
var developmentTools = new DevelopmentTools(builder.Environment.IsDevelopment() && SignInSetup.UsesDevelopmentIdentity(builder.Configuration));
builder.Services.AddSingleton(developmentTools);
builder.Services.AddHostedService<ReportScheduleStarter>();
builder.Services.AddHostedService<WorkflowSweeper>();
builder.Services.AddOpenApi();
if (builder.Environment.IsDevelopment() && builder.Configuration["PEERFLOW_DEMO_DATA"] != "false")
{
    builder.Services.AddScoped<DemoSeeder>();
    builder.Services.AddHostedService<DemoData>();
}

var app = builder.Build();

// Routing first, so that the pipeline knows which endpoint (and so which audience) a request is for.
app.UseRouting();
app.Use((http, next) => http.RequestServices.GetRequiredService<WebPipeline>().InvokeAsync(http, http.GetEndpoint()?.Metadata.GetMetadata<WebEndpoint>(), next));
foreach (var endpoint in PeerFlowEndpoints.All)
{
    // Forms check their antiforgery token themselves (PostedForm), as they must in the Functions worker.
    var mapped = app.MapMethods(endpoint.Pattern, [endpoint.Method], endpoint.Handler).WithName(endpoint.Name).WithMetadata(endpoint).DisableAntiforgery();
    if (endpoint.IsPage)
    {
        mapped.ExcludeFromDescription();
    }

    endpoint.Describe?.Invoke(mapped);
    if (endpoint.Methods.Contains("HEAD"))
    {
        app.MapMethods(endpoint.Pattern, ["HEAD"], endpoint.Handler).WithMetadata(endpoint).DisableAntiforgery().ExcludeFromDescription();
    }
}

if (app.Environment.IsDevelopment())
{
    // The generator of web/'s openapi.json, which both hosts serve at /openapi/v1.json.
    app.MapOpenApi("/dev/openapi/{documentName}.json");
}

if (developmentTools.Available)
{
    app.MapDevClock();
    app.MapMailCapture();
    app.MapTextCapture();
}

app.Run();

/// <summary>The entry point, visible to functional tests.</summary>
public partial class Program;
