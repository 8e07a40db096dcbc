using System.Globalization;
using PeerFlow.Durable;
using PeerFlow.Durable.Storage;
using PeerFlow.Functions.Api;
using PeerFlow.Orchestrations;

namespace PeerFlow.Functions.Actions;

/// <summary>One overdue or due-soon item for a coordinator.</summary>
public sealed record Alert(string ReferralId, string Reference, string SchemeId, string Stage, string Kind, DateTime DueAt, bool Overdue);

/// <summary>
/// Overdue and due-soon items across schemes, overdue assessments first. A query over the workflow index's
/// searchable attributes (stage, scheme, due time), not a scan of every referral.
/// </summary>
public sealed class Alerts(ApiServices services)
{
    public async Task<IReadOnlyList<Alert>> DueAsync(string? scheme, int days, CancellationToken cancellationToken)
    {
        var now = services.Now;
        var horizon = now.AddDays(Math.Clamp(days, 0, 90));
        var filters = new List<AttributeFilter> { new("dueAt", AttributeOperator.LessThanOrEqual, horizon.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)) };
        if (!string.IsNullOrEmpty(scheme))
        {
            filters.Add(new AttributeFilter("scheme", AttributeOperator.Equal, scheme));
        }

        var alerts = new List<Alert>();
        string? token = null;
        do
        {
            var page = await services.Workflows.QueryAsync(new InstanceQuery
            {
                Name = ReferralLifecycle.Name,
                Statuses = [OrchestrationRuntimeStatus.Running],
                Attributes = filters,
                ContinuationToken = token,
                PageSize = 200,
            }, cancellationToken);
            foreach (var instance in page.Instances)
            {
                var due = DateTime.Parse(instance.Attributes["dueAt"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
                var stage = instance.Attributes.GetValueOrDefault("stage") ?? "unknown";
                var referral = (await services.Store.Referrals.GetAsync(instance.InstanceId, "", cancellationToken))?.Value;
                alerts.Add(new Alert(instance.InstanceId, referral?.Reference ?? instance.InstanceId, instance.Attributes.GetValueOrDefault("scheme") ?? "", stage, KindOf(stage), due, due <= now));
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        return [.. alerts
            .OrderByDescending(a => a.Overdue)
            .ThenByDescending(a => a.Overdue && a.Stage == "assessment")
            .ThenBy(a => a.DueAt)];
    }

    private static string KindOf(string stage) => stage switch
    {
        "assessment" => "assessment-due",
        "matching" => "match-due",
        "active" => "checkin-due",
        "closing" => "feedback-window-ends",
        "deferred" => "recontact-due",
        _ => stage,
    };
}
