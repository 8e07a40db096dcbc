using PeerFlow.Web.Api;

namespace PeerFlow.Web.Actions;

/// <summary>One overdue or due-soon item for a coordinator.</summary>
public sealed record Alert(string ReferralId, string Reference, string SchemeId, string Stage, string Kind, DateTime DueAt, bool Overdue);

/// <summary>
/// Overdue and due-soon items across schemes, overdue assessments first. A range query over the schedule board that
/// each workflow keeps up to date, never a question to the engine.
/// </summary>
public sealed class Alerts(ApiServices services)
{
    public async Task<IReadOnlyList<Alert>> DueAsync(string? scheme, int days, CancellationToken cancellationToken)
    {
        var now = services.Now;
        var horizon = now.AddDays(Math.Clamp(days, 0, 90));
        var alerts = new List<Alert>();
        foreach (var row in await services.Store.Schedule.DueByAsync(horizon, scheme, cancellationToken))
        {
            var referral = (await services.Store.Referrals.GetAsync(row.ReferralId, "", cancellationToken))?.Value;
            var due = row.DueAt!.Value;
            alerts.Add(new Alert(row.ReferralId, referral?.Reference ?? row.ReferralId, row.SchemeId, row.Stage, KindOf(row.Stage), due, due <= now));
        }

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
