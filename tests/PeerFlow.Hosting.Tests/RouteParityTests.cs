using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PeerFlow.Web.Endpoints;

namespace PeerFlow.Hosting.Tests;

/// <summary>One codebase, two hosts: every HTTP function is served by the local host, and every local route has its function.</summary>
public class RouteParityTests
{
    private static async Task<IReadOnlyList<(string Route, string Method, string? Name)>> LocalRoutesAsync(string environment = "Development", string signIn = "EasyAuth")
    {
        await using var app = new LocalHostApp(environment, signIn);
        _ = app.Server; // builds the host, and so its routes
        var sources = app.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        return
        [
            .. from endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
               from method in endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"]
               select (endpoint.RoutePattern.RawText!.TrimStart('/'), method, endpoint.Metadata.GetMetadata<WebEndpoint>()?.Name),
        ];
    }

    /// <summary>The sandbox clock, mail and text viewers and OpenAPI generator (dev/), and the SendGrid (v3/) and Twilio (2010-04-01/) stand-ins.</summary>
    private static bool IsDevelopmentTool(string route) =>
        route.StartsWith("dev/", StringComparison.Ordinal) || route.StartsWith("v3/", StringComparison.Ordinal) || route.StartsWith("2010-04-01/", StringComparison.Ordinal);

    [Fact]
    public async Task EveryHttpFunction_IsServedByTheLocalHost_ForTheSameEndpoint()
    {
        var local = await LocalRoutesAsync();

        Assert.NotEmpty(FunctionsAssembly.HttpFunctions);
        foreach (var (name, route, method) in FunctionsAssembly.HttpFunctions)
        {
            var served = local.Where(r => r.Route == route && r.Method == method).ToList();
            Assert.True(served.Count == 1, $"The function {name} ({method} /{route}) is not served by the local host");
            Assert.Equal(name, served[0].Name);
        }
    }

    [Fact]
    public async Task EveryLocalRoute_HasItsFunction_ExceptTheDevelopmentTools()
    {
        var functions = FunctionsAssembly.HttpFunctions.Select(f => (f.Route, f.Method)).ToHashSet();
        var local = await LocalRoutesAsync();

        var missing = local
            .Where(r => !IsDevelopmentTool(r.Route))
            .Where(r => !functions.Contains((r.Route, r.Method)))
            .Select(r => $"{r.Method} /{r.Route}")
            .ToList();

        Assert.True(missing.Count == 0, "Served locally without a function: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryEndpointOfTheTable_HasExactlyOneFunction_OfItsNameRouteAndMethod()
    {
        foreach (var endpoint in PeerFlowEndpoints.All)
        {
            var functions = FunctionsAssembly.HttpFunctions.Where(f => f.Name == endpoint.Name).ToList();
            Assert.True(functions.Count > 0, $"{endpoint.Name} has no function");
            Assert.All(functions, f => Assert.Equal(endpoint.FunctionRoute, f.Route));
            Assert.Equal(endpoint.Methods.Order(), functions.Select(f => f.Method).Order());
        }

        Assert.Equal(FunctionsAssembly.Functions.Count, FunctionsAssembly.Functions.Select(f => f.Name).Distinct().Count());
    }

    [Fact]
    public async Task AHeadRequest_IsAnsweredAsItsGet_WithoutABody()
    {
        await using var app = new LocalHostApp();
        using var http = app.CreateClient();

        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/refer"));
        using var get = await http.GetAsync("/refer");

        Assert.Equal(System.Net.HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.NotEmpty(await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task DevelopmentTools_AreNotServedInProduction_NorByTheFunctionsApp()
    {
        var development = await LocalRoutesAsync("Development", signIn: "Development");
        var easyAuth = await LocalRoutesAsync("Development");
        var production = await LocalRoutesAsync("Production");

        Assert.Contains(development, r => r.Route.StartsWith("dev/clock", StringComparison.Ordinal));
        Assert.Contains(development, r => r.Route.StartsWith("dev/mail", StringComparison.Ordinal));
        Assert.Contains(development, r => r.Route.StartsWith("v3/", StringComparison.Ordinal));
        Assert.Contains(development, r => r.Route.StartsWith("dev/sms", StringComparison.Ordinal));
        Assert.Contains(development, r => r.Route.StartsWith("2010-04-01/", StringComparison.Ordinal));
        Assert.DoesNotContain(easyAuth, r => r.Route.StartsWith("dev/clock", StringComparison.Ordinal) || r.Route.StartsWith("dev/mail", StringComparison.Ordinal) || r.Route.StartsWith("dev/sms", StringComparison.Ordinal)
            || r.Route.StartsWith("v3/", StringComparison.Ordinal) || r.Route.StartsWith("2010-04-01/", StringComparison.Ordinal));
        Assert.DoesNotContain(production, r => r.Route.StartsWith("dev/", StringComparison.Ordinal) || r.Route.StartsWith("v3/", StringComparison.Ordinal) || r.Route.StartsWith("2010-04-01/", StringComparison.Ordinal));
        Assert.DoesNotContain(FunctionsAssembly.HttpFunctions, f => f.Route.StartsWith("dev", StringComparison.Ordinal) || f.Route.StartsWith("v3", StringComparison.Ordinal));
    }
}
