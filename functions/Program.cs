using PeerFlow.Domain.Email;
using PeerFlow.Durable;
using PeerFlow.Functions.Api;
using PeerFlow.Functions.CustomHandler;
using PeerFlow.Functions.Dev;
using PeerFlow.Functions.Hosting;
using PeerFlow.Functions.Web;
using PeerFlow.Orchestrations;

// PeerFlow's app: the Azure Functions custom handler in Azure (the host starts it, probes GET / and forwards
// requests and trigger invocations to it) and a standalone server with its own worker everywhere else.
var builder = WebApplication.CreateBuilder(args);
if (builder.Configuration[HostMode.PortVariable] is { Length: > 0 } port)
{
    builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
}

builder.Services.AddPeerFlowTime(builder.Environment);
var storage = StorageSetup.CreateClients(builder.Configuration);
builder.Services.AddPeerFlowStorage(builder.Configuration, storage);
builder.Services.AddPeerFlowDomain(builder.Configuration);
builder.Services.AddPeerFlowNotices(builder.Configuration, storage);
builder.Services.AddDurable(r => r.AddReferralLifecycle().AddMonthlyReports(), o => o.TaskHub = builder.Configuration["PEERFLOW_TASK_HUB"] ?? "PeerFlow");
builder.Services.AddPeerFlowWorker(builder.Configuration);
builder.Services.AddHostedService<ReportScheduleStarter>();
builder.Services.AddPeerFlowApi();
builder.Services.AddPeerFlowPages();
if (builder.Environment.IsDevelopment() && builder.Configuration["PEERFLOW_DEMO_DATA"] != "false")
{
    builder.Services.AddHostedService<DemoData>();
}

var app = builder.Build();
// People get pages for errors; programs (the API, the host's invocations, dev tools) get problem details.
app.UseWhen(WebPages.IsPage, pages => pages.UseExceptionHandler("/status/500").UseStatusCodePagesWithReExecute("/status/{0}"));
app.UseWhen(context => !WebPages.IsPage(context), api => api.UseExceptionHandler().UseStatusCodePages());
app.UseSecurityHeaders();
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
app.MapInvocationEndpoints();
if (app.Environment.IsDevelopment())
{
    app.MapDevClock();
    app.MapMailCapture();
}

app.Run();

/// <summary>The entry point, visible to functional tests.</summary>
public partial class Program;
