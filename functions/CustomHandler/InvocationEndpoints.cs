using System.Text.Json;
using PeerFlow.Durable.Storage;
using PeerFlow.Durable.Worker;

namespace PeerFlow.Functions.CustomHandler;

/// <summary>
/// The non-HTTP functions of <c>functions/bindings</c>: the host posts each invocation to <c>/{FunctionName}</c>.
/// They answer with the documented response shape; a non-2xx answer makes the host deliver the message again.
/// </summary>
internal static class InvocationEndpoints
{
    /// <summary>The longest a timer-trigger invocation keeps draining the queue, well inside the function timeout.</summary>
    private static readonly TimeSpan DrainBudget = TimeSpan.FromMinutes(4);

    /// <summary>
    /// Headers that Azure's front end adds to requests from outside. The host's own invocations never pass through it,
    /// so a request to an invocation path that carries them was forwarded by the catch-all HTTP function: refused.
    /// </summary>
    private static readonly string[] FrontEndHeaders = ["X-ARR-LOG-ID", "X-Forwarded-For", "X-Original-URL", "X-MS-CLIENT-PRINCIPAL-ID"];

    public static IEndpointRouteBuilder MapInvocationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/WorkQueue", WorkQueueAsync).ExcludeFromDescription();
        app.MapPost("/TimerPump", TimerPumpAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> WorkQueueAsync(HttpRequest request, WorkItemHandler handler, CancellationToken cancellationToken)
    {
        if (CameFromOutside(request))
        {
            return Results.NotFound();
        }

        InvocationRequest invocation;
        try
        {
            invocation = await InvocationRequest.ReadAsync(request.Body, cancellationToken);
        }
        catch (Exception ex) when (ex is JsonException or InvalidInvocationException)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        var message = invocation.Binding("message");
        var instanceId = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString() ?? string.Empty
            : string.Empty;
        var item = new WorkItem(
            invocation.MetadataString("Id") ?? string.Empty,
            invocation.MetadataString("PopReceipt") ?? string.Empty,
            instanceId,
            invocation.MetadataNumber("DequeueCount", 1));

        // Throws on failure: the 500 makes the host deliver the message again, with a higher dequeue count.
        await handler.HandleAsync(item, cancellationToken);
        return Results.Json(InvocationResponse.Empty, InvocationResponse.Json);
    }

    private static async Task<IResult> TimerPumpAsync(HttpRequest request, TimerPump pump, DurableWorkerService worker, CancellationToken cancellationToken)
    {
        if (CameFromOutside(request))
        {
            return Results.NotFound();
        }

        var moved = await pump.PumpAsync(cancellationToken);

        // A safety net next to the queue trigger: whatever is visible now is handled now.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(DrainBudget);
        var handled = 0;
        try
        {
            handled = await worker.DrainAsync(budget.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }

        return Results.Json(InvocationResponse.WithLog($"Moved {moved} long timers; handled {handled} wake-ups."), InvocationResponse.Json);
    }

    private static bool CameFromOutside(HttpRequest request) => FrontEndHeaders.Any(request.Headers.ContainsKey);
}

/// <summary>The custom-handler response: outputs by binding name, log lines for the host, and a return value.</summary>
internal sealed record InvocationResponse(Dictionary<string, object?> Outputs, List<string> Logs, object? ReturnValue)
{
    /// <summary>The documented names are PascalCase; the app's default JSON is camelCase.</summary>
    public static JsonSerializerOptions Json { get; } = new() { PropertyNamingPolicy = null };

    public static InvocationResponse Empty => new([], [], null);

    public static InvocationResponse WithLog(string line) => new([], [line], null);
}
