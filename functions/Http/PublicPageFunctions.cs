using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;

namespace PeerFlow.Functions.Http;

/// <summary>The public pages, the stylesheet and health, one function per endpoint of web/'s table.</summary>
public sealed class PublicPageFunctions(EndpointRunner run)
{
    [Function(nameof(Health))]
    public Task<IActionResult> Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "healthz")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(Health), request, workflows, context);

    [Function(nameof(Stylesheet))]
    public Task<IActionResult> Stylesheet([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "css/peerflow.css")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(Stylesheet), request, workflows, context);

    [Function(nameof(HomePage))]
    public Task<IActionResult> HomePage([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "{home:maxlength(0)?}")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(HomePage), request, workflows, context);

    [Function(nameof(StatusPage))]
    public Task<IActionResult> StatusPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "status/{code:int}")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(StatusPage), request, workflows, context);

    [Function(nameof(ReferStartPage))]
    public Task<IActionResult> ReferStartPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "refer")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(ReferStartPage), request, workflows, context);

    [Function(nameof(ReferSelfPage))]
    public Task<IActionResult> ReferSelfPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "refer/self")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(ReferSelfPage), request, workflows, context);

    [Function(nameof(ReferSelfPost))]
    public Task<IActionResult> ReferSelfPost([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "refer/self")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(ReferSelfPost), request, workflows, context);

    [Function(nameof(ReferProfessionalPage))]
    public Task<IActionResult> ReferProfessionalPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "refer/professional")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(ReferProfessionalPage), request, workflows, context);

    [Function(nameof(ReferProfessionalPost))]
    public Task<IActionResult> ReferProfessionalPost([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "refer/professional")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(ReferProfessionalPost), request, workflows, context);

    [Function(nameof(ReferReceivedPage))]
    public Task<IActionResult> ReferReceivedPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "refer/received/{id}")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(ReferReceivedPage), request, workflows, context);

    [Function(nameof(ReferPrivacyPage))]
    public Task<IActionResult> ReferPrivacyPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "refer/privacy")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(ReferPrivacyPage), request, workflows, context);

    [Function(nameof(QueryLinkPage))]
    public Task<IActionResult> QueryLinkPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "m/{slug:regex(^(?!done$))}")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(QueryLinkPage), request, workflows, context);

    [Function(nameof(QueryLinkPost))]
    public Task<IActionResult> QueryLinkPost([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "m/{slug:regex(^(?!done$))}")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(QueryLinkPost), request, workflows, context);

    [Function(nameof(LinkPage))]
    public Task<IActionResult> LinkPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "m/{slug}/{token}")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(LinkPage), request, workflows, context);

    [Function(nameof(LinkPost))]
    public Task<IActionResult> LinkPost([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "m/{slug}/{token}")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(LinkPost), request, workflows, context);

    [Function(nameof(LinkDonePage))]
    public Task<IActionResult> LinkDonePage([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "m/done")] HttpRequest request, [DurableClient] DurableTaskClient workflows, FunctionContext context) =>
        run.RunAsync(nameof(LinkDonePage), request, workflows, context);
}
