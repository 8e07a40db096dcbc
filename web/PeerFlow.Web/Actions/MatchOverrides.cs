using Azure.Data.Tables;
using PeerFlow.Domain.Records;
using PeerFlow.Web.Api;

namespace PeerFlow.Web.Actions;

/// <summary>
/// Proposals the shortlist would not have made, for managers: each with what it set aside, the coordinator's reason,
/// who and when; by month, for one scheme or all (staff are not yet members of particular schemes).
/// </summary>
public sealed class MatchOverrides(ApiServices services, SignIn.SchemeAccess access)
{
    public async Task RecordAsync(Match match, string reference, string schemeId, CancellationToken cancellationToken)
    {
        var row = new MatchOverride
        {
            ReferralId = match.ReferralId,
            Reference = reference,
            SchemeId = schemeId,
            MatchId = match.Id,
            MentorId = match.MentorId,
            Overridden = match.Overridden,
            Reason = match.OverrideReason ?? "",
            By = services.Staff.Name,
            At = match.ProposedAt,
        };
        await services.Store.Overrides.UpsertAsync(
            MatchOverride.Partition(match.ProposedAt), MatchOverride.Row(match.ReferralId, match.Id), row, new Dictionary<string, object?> { ["SchemeId"] = schemeId }, cancellationToken);
    }

    /// <summary>A London month's overrides ("yyyy-MM"), newest first; null when the month is not one.</summary>
    public async Task<IReadOnlyList<MatchOverride>?> ListAsync(string month, string? scheme, CancellationToken cancellationToken)
    {
        if (!Evaluation.TryParseMonth(month, out _))
        {
            return null;
        }

        var schemeIds = await access.SchemeIdsAsync(scheme, cancellationToken);
        var rows = await services.Store.Overrides.QueryAsync($"PartitionKey eq {month}", cancellationToken);
        return [.. rows.Select(r => r.Value)
            .Where(o => schemeIds.Contains(o.SchemeId))
            .OrderByDescending(o => o.At)];
    }
}
