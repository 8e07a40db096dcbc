using PeerFlow.Domain.Notices;
using PeerFlow.Domain.Records;
using PeerFlow.Web.Api;

namespace PeerFlow.Web.Actions;

/// <summary>One overdue or due-soon item for a coordinator.</summary>
public sealed record Alert(string ReferralId, string Reference, string SchemeId, string Stage, string Kind, DateTime DueAt, bool Overdue);

/// <summary>
/// Overdue and due-soon items across schemes, overdue assessments first. A range query over each scheme's partition
/// of the schedule board that each workflow keeps up to date, never a question to the engine; references come from
/// the same schemes' open work, one partition each, not a read per alert.
/// </summary>
public sealed class Alerts(ApiServices services, SignIn.SchemeAccess access)
{
    public async Task<IReadOnlyList<Alert>> DueAsync(string? scheme, int days, CancellationToken cancellationToken)
    {
        var schemeIds = await access.SchemeIdsAsync(scheme, cancellationToken);
        return await DueAsync(schemeIds, days, await services.Store.OpenWork.OfSchemesAsync(schemeIds, cancellationToken), cancellationToken);
    }

    /// <summary>The same, for a caller that has read the schemes' open work already.</summary>
    public async Task<IReadOnlyList<Alert>> DueAsync(IReadOnlyList<string> schemeIds, int days, IEnumerable<Referral> openWork, CancellationToken cancellationToken)
    {
        var now = services.Now;
        var horizon = now.AddDays(Math.Clamp(days, 0, 90));
        var references = openWork.ToDictionary(r => r.Id, r => r.Reference, StringComparer.Ordinal);
        var alerts = new List<Alert>();
        foreach (var row in await services.Store.Schedule.DueByAsync(horizon, schemeIds, cancellationToken))
        {
            var due = row.DueAt!.Value;
            alerts.Add(new Alert(row.ReferralId, references.GetValueOrDefault(row.ReferralId) ?? row.ReferralId, row.SchemeId, row.Stage, KindOf(row.Stage), due, due <= now));
        }

        return [.. alerts
            .OrderByDescending(a => a.Overdue)
            .ThenByDescending(a => a.Overdue && a.Stage == "assessment")
            .ThenBy(a => a.DueAt)];
    }

    private static string KindOf(string stage) => NoticeCatalog.DeadlineKindOf(stage);
}
