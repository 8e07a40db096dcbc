using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using PeerFlow.Web.Endpoints;

namespace PeerFlow.Functions.Http;

/// <summary>
/// Runs one of PeerFlow's endpoints for an HTTP function: the handler is bound with the same minimal-API binder the
/// local host uses (route values, query, body, services), inside the same <see cref="WebPipeline"/>. The answer is
/// written to the response here, so the function returns an empty result.
/// </summary>
public sealed class EndpointRunner(IServiceProvider services)
{
    private readonly ConcurrentDictionary<string, (WebEndpoint Endpoint, RequestDelegate Run, IReadOnlyList<string> RouteParameters)> compiled = new();

    public async Task<IActionResult> RunAsync(string name, HttpRequest request, DurableTaskClient workflows, FunctionContext context)
    {
        var (endpoint, run, routeParameters) = compiled.GetOrAdd(name, n => Compile(PeerFlowEndpoints.Named(n)));
        var http = request.HttpContext;
        http.RequestServices.GetRequiredService<BoundWorkflowClient>().Client = workflows;

        // The Functions host matched the route; its values arrive as binding data, which the binder reads as route values.
        foreach (var parameter in routeParameters)
        {
            if (context.BindingContext.BindingData.TryGetValue(parameter, out var value) && value is not null)
            {
                request.RouteValues[parameter] = value.ToString();
            }
        }

        await http.RequestServices.GetRequiredService<WebPipeline>().InvokeAsync(http, endpoint, run);
        return new EmptyResult();
    }

    private (WebEndpoint, RequestDelegate, IReadOnlyList<string>) Compile(WebEndpoint endpoint)
    {
        var routeParameters = RoutePatternFactory.Parse(endpoint.Pattern).Parameters.Select(p => p.Name).ToList();
        var factory = RequestDelegateFactory.Create(endpoint.Handler, new RequestDelegateFactoryOptions
        {
            ServiceProvider = services,
            RouteParameterNames = routeParameters,
            ThrowOnBadRequest = false,
        });
        return (endpoint, factory.RequestDelegate, routeParameters);
    }
}
