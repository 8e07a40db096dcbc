using PeerFlow.Web.Actions;

using PeerFlow.Web.Endpoints;

namespace PeerFlow.Web.Api;

public static class AlertsApi
{
    public static IEnumerable<WebEndpoint> Endpoints =>
    [
        new("ListAlerts", "GET", "/api/alerts", async (string? scheme, int? days, Alerts alerts, CancellationToken ct) => Results.Ok(await alerts.DueAsync(scheme, days ?? 7, ct)), Audience.Staff)
        {
            Describe = b => b.WithTags("Alerts").Produces<IReadOnlyList<Alert>>(),
        },
    ];
}
