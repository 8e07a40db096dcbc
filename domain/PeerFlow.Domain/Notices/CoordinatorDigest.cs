using PeerFlow.Domain.Calendar;
using PeerFlow.Domain.Storage;

namespace PeerFlow.Domain.Notices;

/// <summary>
/// What a coordinator hears of in one email at 09:00 London instead of one email each: by choice, or because more new
/// referrals arrived in an hour than the scheme allows. Safeguarding, urgent referrals and escalations are never held.
/// </summary>
public sealed class CoordinatorDigest(RecordTable<DigestItem> items, RecordTable<NoticePreference> preferences)
{
    private const string PreferencePartition = "scheme";

    public static readonly TimeOnly At = new(9, 0);

    public RecordTable<DigestItem> Items => items;

    /// <summary>When the digest that would carry something held at <paramref name="utc"/> goes.</summary>
    public static DateTime NextUtc(DateTime utc) => DailyRun.NextRunUtc(utc, At);

    public async Task<NoticePreference?> PreferenceAsync(string schemeId, CancellationToken cancellationToken) =>
        (await preferences.GetAsync(PreferencePartition, schemeId, cancellationToken))?.Value;

    public Task SetPreferenceAsync(string schemeId, NoticePreference preference, CancellationToken cancellationToken) =>
        preferences.UpsertAsync(PreferencePartition, schemeId, preference, null, cancellationToken);

    /// <summary>Holds a notice for the digest; false when it was held already (a retried delivery).</summary>
    public Task<bool> HoldAsync(DigestItem item, string noticeKey, CancellationToken cancellationToken) =>
        items.TryInsertAsync(item.SchemeId, Row(item.ReferralId, noticeKey), item, new Dictionary<string, object?> { ["HeldAt"] = DateTime.SpecifyKind(item.HeldAt, DateTimeKind.Utc) }, cancellationToken);

    /// <summary>Everything of a scheme waiting for its next digest, oldest first: what the dashboard counts.</summary>
    public async Task<IReadOnlyList<DigestItem>> WaitingAsync(string schemeId, CancellationToken cancellationToken) =>
        [.. (await items.PartitionAsync(schemeId, cancellationToken)).Select(i => i.Value).OrderBy(i => i.HeldAt)];

    /// <summary>
    /// What the digest run at <paramref name="runAt"/> carries: what was held before it. A retried run finds the same
    /// rows (later ones wait for tomorrow), so the email its key names says what was removed.
    /// </summary>
    public async Task<IReadOnlyList<Stored<DigestItem>>> DueAsync(string schemeId, DateTime runAt, CancellationToken cancellationToken)
    {
        var before = DateTime.SpecifyKind(runAt, DateTimeKind.Utc);
        return [.. (await items.QueryAsync($"PartitionKey eq {schemeId} and HeldAt lt {before}", cancellationToken)).OrderBy(i => i.Value.HeldAt)];
    }

    public async Task RemoveAsync(IEnumerable<Stored<DigestItem>> sent, CancellationToken cancellationToken)
    {
        foreach (var item in sent)
        {
            await items.DeleteAsync(item.PartitionKey, item.RowKey, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<DigestItem>> ForReferralAsync(string schemeId, string referralId, CancellationToken cancellationToken) =>
        [.. (await OfReferralAsync(schemeId, referralId, cancellationToken)).Select(i => i.Value)];

    public async Task EraseReferralAsync(string schemeId, string referralId, CancellationToken cancellationToken) =>
        await RemoveAsync(await OfReferralAsync(schemeId, referralId, cancellationToken), cancellationToken);

    private Task<List<Stored<DigestItem>>> OfReferralAsync(string schemeId, string referralId, CancellationToken cancellationToken)
    {
        var from = referralId + "|";
        var to = referralId + "}";
        return items.QueryAsync($"PartitionKey eq {schemeId} and RowKey ge {from} and RowKey lt {to}", cancellationToken);
    }

    private static string Row(string referralId, string noticeKey) => referralId + "|" + noticeKey;
}
