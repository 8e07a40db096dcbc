using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PeerFlow.Durable;
using PeerFlow.Durable.Storage;
using PeerFlow.Durable.Testing;
using PeerFlow.Durable.Worker;

namespace PeerFlow.Functions.Tests;

/// <summary>The payloads the Functions host posts to a custom handler, and the answers it expects back.</summary>
public class InvocationContractTests
{
    private sealed class BrokenStore(IInstanceStore inner) : DelegatingStore(inner)
    {
        public override Task<InstanceSnapshot?> LoadAsync(string instanceId, string? knownETag, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("storage unavailable");
    }

    private static async Task<(FunctionsApp App, HttpClient Http)> StartAsync(Func<IInstanceStore, IInstanceStore>? decorateStore = null)
    {
        var app = new FunctionsApp { DecorateStore = decorateStore };
        var http = app.CreateClient();
        app.Registry
            .AddOrchestrator<int, int>("Double", (ctx, n) => ctx.CallActivityAsync<int>("Times2", n))
            .AddActivity<int, int>("Times2", (_, n) => Task.FromResult(n * 2));
        return (app, http);
    }

    /// <summary>A queue-trigger invocation as the host sends it: the message text as a JSON string, metadata beside.</summary>
    private static StringContent QueueInvocation(string messageJson, long dequeueCount = 1, bool quotedTwice = false)
    {
        object message = quotedTwice ? JsonSerializer.Serialize(messageJson) : messageJson;
        var body = new
        {
            Data = new { message },
            Metadata = new
            {
                DequeueCount = dequeueCount,
                Id = Guid.NewGuid().ToString(),
                PopReceipt = "AgAAAAMAAAAAAAAA",
                InsertionTime = "2026-11-23T10:00:00+00:00",
                NextVisibleTime = "2026-11-23T10:00:05+00:00",
                sys = new { MethodName = "WorkQueue", UtcNow = "2026-11-23T10:00:01Z" },
            },
        };
        return new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task QueueTrigger_Invocation_ProcessesTheInstance_AndAnswersWithTheResponseShape(bool quotedTwice)
    {
        var (app, http) = await StartAsync();
        await using var owned = app;
        var id = await app.Client.StartAsync("Double", 21);

        var response = await http.PostAsync("/WorkQueue", QueueInvocation($$"""{"id":"{{id}}"}""", quotedTwice: quotedTwice));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Object, answer.RootElement.GetProperty("Outputs").ValueKind);
        Assert.Equal(JsonValueKind.Array, answer.RootElement.GetProperty("Logs").ValueKind);
        Assert.True(answer.RootElement.TryGetProperty("ReturnValue", out _));
        var status = await app.Client.GetStatusAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, status!.Status);
        Assert.Equal(42, status.ReadOutputAs<int>());
    }

    [Fact]
    public async Task QueueTrigger_ForwardedFromOutside_IsRefused()
    {
        var (app, http) = await StartAsync();
        await using var owned = app;
        var id = await app.Client.StartAsync("Double", 1);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/WorkQueue") { Content = QueueInvocation($$"""{"id":"{{id}}"}""", dequeueCount: 99) };
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await app.Client.GetStatusAsync(id))!.Status);
    }

    [Fact]
    public async Task QueueTrigger_WithABodyThatIsNotJson_Is400()
    {
        var (app, http) = await StartAsync();
        await using var owned = app;

        var response = await http.PostAsync("/WorkQueue", new StringContent("not json", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task QueueTrigger_ThatFails_Answers500_SoTheHostDeliversAgain()
    {
        var (app, http) = await StartAsync(s => new BrokenStore(s));
        await using var owned = app;

        var response = await http.PostAsync("/WorkQueue", QueueInvocation("""{"id":"r-1"}"""));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public async Task TimerTrigger_Invocation_PumpsTimersAndDrainsTheQueue()
    {
        var (app, http) = await StartAsync();
        await using var owned = app;
        var id = await app.Client.StartAsync("Double", 5);
        var body = new
        {
            Data = new { timer = new { Schedule = new { AdjustForDST = true }, ScheduleStatus = (object?)null, IsPastDue = false } },
            Metadata = new { sys = new { MethodName = "TimerPump" } },
        };

        var response = await http.PostAsJsonAsync("/TimerPump", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("handled", answer.RootElement.GetProperty("Logs")[0].GetString());
        Assert.Equal(10, (await app.Client.GetStatusAsync(id))!.ReadOutputAs<int>());
    }

    [Fact]
    public async Task ReadinessProbe_AndHealth_Answer200()
    {
        var (app, http) = await StartAsync();
        await using var owned = app;

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/")).StatusCode);
        Assert.Equal("ok", (await http.GetFromJsonAsync<JsonElement>("/healthz")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task FunctionsMode_RunsNoBackgroundWorker_ButStandaloneDoes()
    {
        await using var functions = new FunctionsApp();
        await using var standalone = new FunctionsApp { FunctionsMode = false };

        Assert.DoesNotContain(functions.Services.GetServices<IHostedService>(), s => s is DurableWorkerService);
        Assert.Contains(standalone.Services.GetServices<IHostedService>(), s => s is DurableWorkerService);
    }
}
