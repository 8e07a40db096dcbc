using System.Globalization;
using PeerFlow.Domain.Records;
using PeerFlow.Web.Api;

namespace PeerFlow.Web.Actions;

/// <summary>One page of referrals, the token of the next page (null on the last) and the total when it was cheap to know.</summary>
public sealed record ReferralPage(IReadOnlyList<Referral> Rows, string? Next, int? Total);

/// <summary>How a list of open referrals is ordered.</summary>
public enum ListOrder
{
    NewestFirst,
    MostOverdueFirst,
    LongestWaitFirst,
}

/// <summary>
/// Referral lists, a page at a time, for the API and the list page. Open referrals come from open work (one partition
/// per scheme, bounded by what is open, so the total is known and any order can be had): a page is a slice of the
/// ordered list and its token the offset of the next. Closed referrals come from their own partitions, newest closure
/// first, scheme after scheme, paged by the service's continuation: no total, as counting would read them all.
/// </summary>
public sealed class ReferralListing(ApiServices services, SignIn.SchemeAccess access)
{
    public const int DefaultPageSize = 50;

    public const int MaxPageSize = 200;

    /// <summary>A page of the list, or null when <paramref name="continuation"/> is not a token this list gave.</summary>
    public async Task<ReferralPage?> PageAsync(
        string? scheme, ReferralStage? stage, ListOrder order, int pageSize, string? continuation, Func<Referral, bool>? where, CancellationToken cancellationToken)
    {
        var schemeIds = await access.SchemeIdsAsync(scheme, cancellationToken);
        if (stage == ReferralStage.Closed)
        {
            return await ClosedPageAsync(schemeIds, pageSize, continuation, cancellationToken);
        }

        var offset = 0;
        if (!string.IsNullOrEmpty(continuation)
            && !(continuation.StartsWith('o') && int.TryParse(continuation.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out offset)))
        {
            return null;
        }

        var open = (await services.Store.OpenWork.OfSchemesAsync(schemeIds, cancellationToken))
            .Where(r => r.Stage != ReferralStage.Closed && (stage is null || r.Stage == stage) && (where is null || where(r)));
        var ordered = (order switch
        {
            ListOrder.MostOverdueFirst => open.OrderBy(r => r.AssessmentDueAt),
            ListOrder.LongestWaitFirst => open.OrderBy(r => Pages.Referrals.ReferralListView.InStageSince(r) ?? DateTime.MaxValue),
            _ => open.OrderByDescending(r => r.ReceivedAt),
        }).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        var rows = ordered.Skip(offset).Take(pageSize).ToList();
        var next = offset + rows.Count < ordered.Count ? "o" + (offset + rows.Count).ToString(CultureInfo.InvariantCulture) : null;
        return new ReferralPage(rows, next, ordered.Count);
    }

    /// <summary>Closed referrals: scheme after scheme, each scheme's partition paged by the service. Token: "c{scheme index}:{service token}".</summary>
    private async Task<ReferralPage?> ClosedPageAsync(IReadOnlyList<string> schemeIds, int pageSize, string? continuation, CancellationToken cancellationToken)
    {
        var index = 0;
        string? token = null;
        if (!string.IsNullOrEmpty(continuation))
        {
            var colon = continuation.IndexOf(':', StringComparison.Ordinal);
            if (!continuation.StartsWith('c') || colon < 2
                || !int.TryParse(continuation.AsSpan(1, colon - 1), NumberStyles.None, CultureInfo.InvariantCulture, out index) || index >= schemeIds.Count)
            {
                return null;
            }

            token = colon + 1 < continuation.Length ? continuation[(colon + 1)..] : null;
        }

        var rows = new List<Referral>();
        while (index < schemeIds.Count && rows.Count < pageSize)
        {
            var page = await services.Store.OpenWork.ClosedPageAsync(schemeIds[index], pageSize - rows.Count, token, cancellationToken);
            rows.AddRange(page.Rows.Select(r => r.Value));
            token = page.Continuation;
            if (token is null)
            {
                index++;
            }
        }

        var next = index < schemeIds.Count ? "c" + index.ToString(CultureInfo.InvariantCulture) + ":" + token : null;
        return new ReferralPage(rows, next, null);
    }
}
