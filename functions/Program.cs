using PeerFlow.Domain.Email;
using PeerFlow.Functions.Api;
using PeerFlow.Functions.Dev;
using PeerFlow.Functions.Hosting;
using PeerFlow.Functions.Web;
using PeerFlow.Orchestrations;

// PeerFlow's app: pages, API and the referral workflows, on the Durable Task engine hosted in this process
// (DurableTask.AzureStorage behind the gRPC sidecar; see local/PeerFlow.LocalEngine).
var builder = WebApplication.CreateBuilder(args);
if (builder.Configuration[HostMode.PortVariable] is { Length: > 0 } port)
{
    builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
}

var storage = StorageSetup.CreateClients(builder.Configuration);
builder.Services.AddSingleton(storage);
builder.Services.AddPeerFlowDomain(builder.Configuration);
builder.Services.AddPeerFlowEngine(builder.Configuration, builder.Environment, storage);
builder.Services.AddPeerFlowNotices(builder.Configuration, storage);
builder.Services.AddHostedService<ReportScheduleStarter>();
builder.Services.AddPeerFlowApi();
builder.Services.AddPeerFlowPages();
if (builder.Environment.IsDevelopment() && builder.Configuration["PEERFLOW_DEMO_DATA"] != "false")
{
    builder.Services.AddHostedService<DemoData>();
}

var app = builder.Build();
// People get pages for errors; programs (the API, dev tools) get problem details.
app.UseWhen(WebPages.IsPage, pages => pages.UseExceptionHandler("/status/500").UseStatusCodePagesWithReExecute("/status/{0}"));
app.UseWhen(context => !WebPages.IsPage(context), api => api.UseExceptionHandler().UseStatusCodePages());
app.UseSecurityHeaders();
app.UseBodySizeLimit();
app.UseStaffGuard(app.Configuration);
app.UseStaticFiles();

// Routing after the error handlers, so that a re-executed request (the status page) is routed afresh.
app.UseRouting();
app.UseAntiforgery();
app.MapRazorPages();
app.MapGet("/healthz", () => Results.Ok(new { status = "ok" })).WithTags("Health");
app.MapOpenApi();
app.MapReferralsApi();
app.MapReferralActionsApi();
app.MapMentorsApi();
app.MapAlertsApi();
app.MapLinksApi();
if (app.Environment.IsDevelopment())
{
    app.MapDevClock();
    app.MapMailCapture();
}

app.Run();

/// <summary>The entry point, visible to functional tests.</summary>
public partial class Program;
