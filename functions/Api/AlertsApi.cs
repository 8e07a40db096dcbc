using PeerFlow.Functions.Actions;

namespace PeerFlow.Functions.Api;

public static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/alerts", async (string? scheme, int? days, Alerts alerts, CancellationToken ct) => Results.Ok(await alerts.DueAsync(scheme, days ?? 7, ct)))
            .WithTags("Alerts").Produces<IReadOnlyList<Alert>>();
        return app;
    }
}
