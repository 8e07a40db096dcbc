using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;

namespace PeerFlow.Functions.Http;

/// <summary>The public pages, the stylesheet and health, one function per endpoint of web/'s table.</summary>
public sealed class PublicPageFunctions(EndpointRunner run)
{
    [Function(nameof(Health))]
    public Task<IActionResult> Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "healthz")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(Health), request, workflows, context);

    [Function(nameof(Stylesheet))]
    public Task<IActionResult> Stylesheet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "css/peerflow.css")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(Stylesheet), request, workflows, context);

    [Function(nameof(HomePage))]
    public Task<IActionResult> HomePage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(HomePage), request, workflows, context);

    [Function(nameof(StatusPage))]
    public Task<IActionResult> StatusPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "status/{code:int}")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(StatusPage), request, workflows, context);
}
