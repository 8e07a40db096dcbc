using Azure.Data.Tables;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Storage;

namespace PeerFlow.Domain.People;

/// <summary>A row of the search index: this referral's person has this token.</summary>
public sealed record IndexEntry(string ReferralId, string SchemeId);

/// <summary>
/// Finding people without reading whole tables: every token of a referred person's details (name words, email, phone,
/// postcode district) is a row keyed <c>{scheme}|{token}</c> → referral id, written by the same code that writes the
/// <see cref="Person"/> and deleted with it on erasure. A search reads one partition (or, for the start of a name, one
/// range of partitions) per token and scheme. Only the person referred is indexed, not their referrer.
/// </summary>
public sealed class PeopleIndex(RecordTable<IndexEntry> index, RecordTable<Person> people)
{
    // Not a "{scheme}|{token}" partition, so no search reads it. A new name whenever SearchTokens gains a kind, so that
    // people indexed before it get its rows too (the name-in-district rows came with the second).
    public const string MarkerPartition = "~backfilled-2";

    private volatile bool backfilled;

    public RecordTable<IndexEntry> Table => index;

    /// <summary>
    /// Indexes, once per store, every person referred whose referral was stored before the index existed (an upgraded
    /// deployment) or written straight to the records: without it, searching for them finds nothing. Run by the
    /// workflow sweeper in both hosts; idempotent (upserts), so several hosts running it at once do no harm, and a
    /// marker row ends it for good once a whole pass has been written. A scan, once.
    /// </summary>
    /// <returns>How many people were indexed by this call.</returns>
    public async Task<int> BackfillOnceAsync(RecordTable<Referral> referrals, CancellationToken cancellationToken)
    {
        if (backfilled || await index.GetAsync(MarkerPartition, "", cancellationToken) is not null)
        {
            backfilled = true;
            return 0;
        }

        var schemes = (await referrals.ScanAsync(null, cancellationToken)).ToDictionary(r => r.Value.Id, r => r.Value.SchemeId, StringComparer.Ordinal);
        var indexed = 0;
        foreach (var person in await people.QueryAsync($"RowKey eq {nameof(PersonRole.Mentee)}", cancellationToken))
        {
            if (schemes.TryGetValue(person.Value.ReferralId, out var schemeId))
            {
                await AddAsync(schemeId, person.Value, cancellationToken);
                indexed++;
            }
        }

        await index.UpsertAsync(MarkerPartition, "", new IndexEntry("", ""), null, cancellationToken);
        backfilled = true;
        return indexed;
    }

    /// <summary>One row per token, each in its own partition: written at once, not one round trip after another (intake waits on it).</summary>
    public Task AddAsync(string schemeId, Person person, CancellationToken cancellationToken) =>
        Task.WhenAll(SearchTokens.Of(person).Select(token =>
            index.UpsertAsync(Partition(schemeId, token), person.ReferralId, new IndexEntry(person.ReferralId, schemeId), null, cancellationToken)));

    /// <summary>The search words this person's referral is stored under now: for a subject-access export.</summary>
    public async Task<IReadOnlyList<SearchToken>> StoredTokensAsync(string schemeId, Person person, CancellationToken cancellationToken)
    {
        var stored = new List<SearchToken>();
        foreach (var token in SearchTokens.Of(person))
        {
            if (await index.GetAsync(Partition(schemeId, token), person.ReferralId, cancellationToken) is not null)
            {
                stored.Add(token);
            }
        }

        return stored;
    }

    /// <summary>Every row <see cref="AddAsync"/> wrote for this person: computed from the person, so no scan is needed.</summary>
    public async Task RemoveAsync(string schemeId, Person person, CancellationToken cancellationToken)
    {
        foreach (var token in SearchTokens.Of(person))
        {
            await index.DeleteAsync(Partition(schemeId, token), person.ReferralId, cancellationToken);
        }
    }

    /// <summary>
    /// The referrals in <paramref name="schemeIds"/> whose person has every token (names by their start, the rest
    /// exactly), at most <paramref name="limit"/>. No tokens: none.
    /// </summary>
    public Task<IReadOnlyList<IndexEntry>> SearchAsync(IReadOnlyCollection<string> schemeIds, IReadOnlyList<SearchToken> tokens, int limit, CancellationToken cancellationToken) =>
        SearchAsync(schemeIds, tokens, limit, exact: false, cancellationToken);

    /// <summary>
    /// Other referrals, in any scheme, of possibly the same person: the same email, the same phone, or every word of
    /// the name and the same postcode district. Each with what agreed ("email", "phone", "name and postcode district").
    /// </summary>
    public async Task<IReadOnlyList<(IndexEntry Entry, string Why)>> SamePersonAsync(IReadOnlyCollection<string> schemeIds, Person person, CancellationToken cancellationToken)
    {
        var tokens = SearchTokens.Of(person);
        var found = new Dictionary<IndexEntry, List<string>>();
        void Add(IEnumerable<IndexEntry> entries, string why)
        {
            foreach (var entry in entries.Where(e => e.ReferralId != person.ReferralId))
            {
                if (!found.TryGetValue(entry, out var whys))
                {
                    found[entry] = whys = [];
                }

                whys.Add(why);
            }
        }

        foreach (var token in tokens.Where(t => t.Kind is TokenKind.Email or TokenKind.Phone))
        {
            Add(await SearchAsync(schemeIds, [token], int.MaxValue, exact: true, cancellationToken), token.Kind == TokenKind.Email ? "email" : "phone");
        }

        // Every word of the name in the same district: one small partition per word, not the district's whole partition.
        var inDistrict = tokens.Where(t => t.Kind == TokenKind.NameInDistrict).ToList();
        if (inDistrict.Count > 0)
        {
            Add(await SearchAsync(schemeIds, inDistrict, int.MaxValue, exact: true, cancellationToken), "name and postcode district");
        }

        return [.. found.Select(f => (f.Key, string.Join(", ", f.Value)))];
    }

    /// <summary>The people's names of these referrals' mentees, read by key and at once rather than one after another.</summary>
    public async Task<IReadOnlyDictionary<string, string>> MenteeNamesAsync(IEnumerable<string> referralIds, CancellationToken cancellationToken)
    {
        var read = await referralIds.Distinct().ReadEachAsync(
            async (id, ct) => (id, (await people.GetAsync(id, nameof(PersonRole.Mentee), ct))?.Value.Name), cancellationToken);
        return read.Where(r => r.Name is not null).ToDictionary(r => r.id, r => r.Name!);
    }

    private async Task<IReadOnlyList<IndexEntry>> SearchAsync(IReadOnlyCollection<string> schemeIds, IReadOnlyList<SearchToken> tokens, int limit, bool exact, CancellationToken cancellationToken)
    {
        if (tokens.Count == 0)
        {
            return [];
        }

        var perScheme = await Task.WhenAll(schemeIds.Select(async scheme =>
        {
            var sets = await Task.WhenAll(tokens.Select(t => ReferralsAsync(scheme, t, prefix: !exact && t.Kind == TokenKind.Name, cancellationToken)));
            var found = sets[0];
            foreach (var set in sets.Skip(1))
            {
                found.IntersectWith(set);
            }

            return found.Select(id => new IndexEntry(id, scheme));
        }));
        return [.. perScheme.SelectMany(f => f).Take(limit)];
    }

    private async Task<HashSet<string>> ReferralsAsync(string schemeId, SearchToken token, bool prefix, CancellationToken cancellationToken)
    {
        var partition = Partition(schemeId, token);

        // The start of a name: every partition from "…|n:tom" up to (not including) "…|n:ton"; one range, not a scan.
        var rows = prefix
            ? await index.QueryAsync($"PartitionKey ge {partition} and PartitionKey lt {partition[..^1] + (char)(partition[^1] + 1)}", cancellationToken)
            : await index.PartitionAsync(partition, cancellationToken);
        return [.. rows.Select(r => r.RowKey)];
    }

    private static string Partition(string schemeId, SearchToken token) => schemeId + "|" + token.Key;
}
