extern alias FunctionsApp;

using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using PeerFlow.Web.SignIn;
using EndpointRunner = FunctionsApp::PeerFlow.Functions.Http.EndpointRunner;
using FunctionsSetup = FunctionsApp::PeerFlow.Functions.FunctionsSetup;

namespace PeerFlow.Hosting.Tests;

/// <summary>
/// The Functions app's way of running an endpoint, short of the Functions host itself (which cannot be installed
/// here): its services as Program.cs builds them, route values from binding data, the same pipeline, and the
/// workflow client a [DurableClient] binding would give, here the local host's engine on the same task hub.
/// </summary>
public sealed class FunctionInvocationTests : IAsyncLifetime, IDisposable
{
    private LocalHostApp local = null!;
    private ServiceProvider functions = null!;

    public async Task InitializeAsync()
    {
        local = new LocalHostApp("Production");
        _ = local.Server; // the engine that runs what the functions start
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PEERFLOW_STORAGE"] = LocalHostApp.Storage,
            ["PEERFLOW_TASK_HUB"] = local.TaskHub,
            ["PEERFLOW_SENDGRID_HOST"] = "http://127.0.0.1:9",
            ["PEERFLOW_SENDGRID_API_KEY"] = "hosting-tests",
            ["PEERFLOW_HASH_KEY"] = ServiceLifetimeTests.TestHashKey,
            ["PEERFLOW_KEYRING_CERTIFICATE"] = ServiceLifetimeTests.TestKeyRingCertificate,
        }).Build();
        var environment = new HostingEnvironment { EnvironmentName = Environments.Production, ApplicationName = "PeerFlow.Functions", ContentRootPath = AppContext.BaseDirectory };
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<IHostEnvironment>(environment);
        FunctionsSetup.AddPeerFlowFunctions(services, configuration, environment);

        // As strict as a host can be: a singleton that holds a function's scoped workflow client fails here.
        functions = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        foreach (var started in functions.GetServices<IHostedService>())
        {
            await started.StartAsync(CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        await functions.DisposeAsync();
        await local.DisposeAsync();
    }

    public void Dispose() => local?.Dispose();

    [Fact]
    public async Task APage_WithARouteValue_IsDrawnFromTheFunctionsBindingData()
    {
        var (status, type, body) = await RunAsync("StatusPage", "GET", "/status/404", bindingData: new() { ["code"] = "404" });

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("text/html", type);
        Assert.Contains("<h1>Page not found</h1>", body, StringComparison.Ordinal);
        Assert.Contains("/css/peerflow.css?v=", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStaffEndpoint_WithoutAPrincipal_Is401ProblemDetails()
    {
        var (status, type, _) = await RunAsync("ListReferrals", "GET", "/api/referrals");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("application/problem+json", type);
    }

    [Fact]
    public async Task AReferralPostedToItsFunction_IsStoredAndItsWorkflowStarted_AndStaffReadItThroughAnother()
    {
        var submission = """{"schemeId":"peer-link","kind":"Self","consent":true,"name":"Rhiannon Price","phone":"07700 900456"}""";
        var (status, _, body) = await RunAsync("SubmitReferral", "POST", "/api/referrals", submission);
        Assert.Equal(HttpStatusCode.Accepted, status);
        var id = (string)JsonNode.Parse(body)!["id"]!;

        var (read, _, view) = await RunAsync("GetReferral", "GET", $"/api/referrals/{id}", principal: StaffRoles.Coordinator, bindingData: new() { ["id"] = id });
        Assert.Equal(HttpStatusCode.OK, read);
        Assert.Contains("PLA-", view, StringComparison.Ordinal);

        var workflow = await local.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(id);
        Assert.NotNull(workflow);
    }

    [Fact]
    public async Task ACoordinatorsActionThroughItsFunction_SignalsTheWorkflow_AndTheAuditNamesThem()
    {
        var submission = """{"schemeId":"peer-link","kind":"Self","consent":true,"name":"Tomasz Nowak","phone":"07700 900789"}""";
        var id = (string)JsonNode.Parse((await RunAsync("SubmitReferral", "POST", "/api/referrals", submission)).Body)!["id"]!;
        var store = local.Services.GetRequiredService<PeerFlow.Domain.Storage.PeerFlowStore>();
        await WaitAsync(async () => (await store.Referrals.GetAsync(id, "", CancellationToken.None))?.Value.AssessmentDueAt is not null);

        var (status, _, body) = await RunAsync("RecordContact", "POST", $"/api/referrals/{id}/contact", "{}", principal: StaffRoles.Coordinator, bindingData: new() { ["id"] = id });

        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Accepted or HttpStatusCode.NoContent, $"{(int)status}: {body}");
        await WaitAsync(async () => (await store.Referrals.GetAsync(id, "", CancellationToken.None))?.Value.FirstContactAt is not null);
        var audit = await store.Audit.PartitionAsync(id, CancellationToken.None);
        Assert.Contains(audit, a => a.Value.Actor == "staff@example.org");
    }

    [Fact]
    public async Task AnEmailedLinkThroughItsFunction_ThatIsForged_SaysSoOnAPage()
    {
        var (status, type, body) = await RunAsync("QueryLinkPage", "GET", "/m/checkin?t=not-a-real-token", bindingData: new() { ["slug"] = "checkin" });
        var (pathStatus, _, pathBody) = await RunAsync("LinkPage", "GET", "/m/checkin/not-a-real-token", bindingData: new() { ["slug"] = "checkin", ["token"] = "not-a-real-token" });

        Assert.Equal("text/html", type);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("<h1>This link is not valid</h1>", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, pathStatus);
        Assert.Contains("<h1>This link is not valid</h1>", pathBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APageFormPost_WithoutItsAntiforgeryToken_IsRefusedWithTheErrorPage()
    {
        var (status, type, body) = await RunAsync("NewMentorPost", "POST", "/mentors/new", "Input.Name=Sam", "application/x-www-form-urlencoded", StaffRoles.Coordinator);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("text/html", type);
        Assert.Contains("Sorry, that did not work", body, StringComparison.Ordinal);
    }

    /// <summary>Waits for the engine (on the local host) to have moved; conditions, not durations.</summary>
    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!await condition())
        {
            await Task.Delay(100, cancel.Token);
        }
    }

    private async Task<(HttpStatusCode Status, string? ContentType, string Body)> RunAsync(
        string name, string method, string path, string? body = null, string contentType = "application/json", string? principal = null, Dictionary<string, object?>? bindingData = null)
    {
        await using var scope = functions.CreateAsyncScope();
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Method = method;
        var query = path.IndexOf('?', StringComparison.Ordinal);
        http.Request.Path = query < 0 ? path : path[..query];
        http.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString(query < 0 ? null : path[query..]);
        http.Request.Scheme = "https";
        http.Request.Host = new Microsoft.AspNetCore.Http.HostString("peerflow.example.org");
        if (body is not null)
        {
            http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
            http.Request.ContentType = contentType;
            http.Request.ContentLength = http.Request.Body.Length;
        }

        if (principal is not null)
        {
            http.Request.Headers[ClientPrincipal.Header] = ClientPrincipal.Encode("staff@example.org", [principal]);
        }

        var response = new MemoryStream();
        http.Response.Body = response;

        var context = new TestFunctionContext(scope.ServiceProvider, bindingData ?? []);
        await functions.GetRequiredService<EndpointRunner>().RunAsync(name, http.Request, local.Services.GetRequiredService<DurableTaskClient>(), context);

        var type = http.Response.ContentType?.Split(';')[0];
        return ((HttpStatusCode)http.Response.StatusCode, type, Encoding.UTF8.GetString(response.ToArray()));
    }

    private sealed class TestFunctionContext(IServiceProvider services, IReadOnlyDictionary<string, object?> bindingData) : FunctionContext
    {
        public override string InvocationId => "test-invocation";

        public override string FunctionId => "test-function";

        public override TraceContext TraceContext => throw new NotSupportedException();

        public override BindingContext BindingContext { get; } = new Binding(bindingData);

        public override RetryContext RetryContext => throw new NotSupportedException();

        public override IServiceProvider InstanceServices { get; set; } = services;

        public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();

        public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

        public override IInvocationFeatures Features => throw new NotSupportedException();

        private sealed class Binding(IReadOnlyDictionary<string, object?> data) : BindingContext
        {
            public override IReadOnlyDictionary<string, object?> BindingData => data;
        }
    }
}
