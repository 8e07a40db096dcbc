using System.Text.RegularExpressions;
using PeerFlow.Domain.People;
using PeerFlow.Domain.Records;
using PeerFlow.Domain.Storage;
using PeerFlow.Web.Api;

namespace PeerFlow.Web.Actions;

/// <summary>A referral found by a search, with the name of the person referred.</summary>
public sealed record SearchResult(string Id, string Reference, string SchemeId, string Stage, string? Name, string? PostcodeDistrict, DateTime ReceivedAt);

/// <summary>What a search found: at most <see cref="PeopleSearch.Limit"/>, and whether there were more.</summary>
public sealed record SearchResults(IReadOnlyList<SearchResult> Referrals, bool More);

/// <summary>
/// Staff find a referral by name, email, phone or postcode district through the search index (never by reading
/// whole tables), within the schemes they work in. Every search leaves an audit line: who, when, what kinds of detail
/// and how many results; never the words searched for, which are personal data.
/// </summary>
public sealed partial class PeopleSearch(ApiServices services, SignIn.SchemeAccess access)
{
    public const int Limit = 50;

    public const int MaxQueryLength = 200;

    /// <summary>The audit trail's partition for searches, apart from every referral's own.</summary>
    public const string AuditPartition = "search";

    public async Task<ActionOutcome> SearchAsync(string? query, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return ActionOutcome.Field("query", "Enter a reference, name, email, phone number or postcode district.");
        }

        if (query.Length > MaxQueryLength || !Domain.Text.PlainText.IsAllowed(query))
        {
            return ActionOutcome.Field("query", $"Enter at most {MaxQueryLength} characters of plain text.");
        }

        var tokens = SearchTokens.OfQuery(query);
        if (tokens.Count == 0)
        {
            return ActionOutcome.Field("query", "Enter at least two letters of a name, an email address, a phone number or a postcode district like EX4.");
        }

        var schemes = await SchemesInScopeAsync(cancellationToken);
        var entries = await services.Store.PeopleIndex.SearchAsync(schemes, tokens, Limit + 1, cancellationToken);
        var found = await Task.WhenAll(entries.Take(Limit).Select(async e => await services.Store.Referrals.GetAsync(e.ReferralId, "", cancellationToken)));
        var referrals = found.Where(f => f is not null).Select(f => f!.Value).ToList();
        var people = await MenteesAsync(referrals.Select(r => r.Id), cancellationToken);
        var results = referrals
            .Select(r => new SearchResult(r.Id, r.Reference, r.SchemeId, r.Stage.ToString(), people.GetValueOrDefault(r.Id)?.Name, people.GetValueOrDefault(r.Id)?.PostcodeDistrict, r.ReceivedAt))
            .OrderByDescending(r => r.ReceivedAt)
            .ToList();

        var kinds = string.Join(", ", tokens.Select(t => t.Kind.ToString().ToLowerInvariant()).Distinct());
        var now = services.Now;
        await services.Store.Audit.TryInsertAsync(
            AuditPartition, PeerFlowStore.Key(now) + "-" + Guid.NewGuid().ToString("N")[..6],
            new AuditEntry("", now, services.Staff.Name, $"searched referrals by {kinds}: {results.Count}{(entries.Count > Limit ? "+" : "")} found"), null, cancellationToken);
        return ActionOutcome.Done(new SearchResults(results, entries.Count > Limit));
    }

    /// <summary>The schemes the signed-in person works in (<see cref="SignIn.SchemeAccess"/>).</summary>
    public Task<IReadOnlyList<string>> SchemesInScopeAsync(CancellationToken cancellationToken) => access.SchemeIdsAsync(null, cancellationToken);

    /// <summary>Whether what was typed is a reference, like FCM-2026-0042: then the reference lookup answers it.</summary>
    public static bool LooksLikeReference(string? query) => query is not null && Reference().IsMatch(query.Trim());

    private async Task<Dictionary<string, Person>> MenteesAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var read = await Task.WhenAll(ids.Select(async id => (await services.Store.People.GetAsync(id, nameof(PersonRole.Mentee), cancellationToken))?.Value));
        return read.Where(p => p is not null).ToDictionary(p => p!.ReferralId, p => p!);
    }

    [GeneratedRegex("^[A-Za-z]{1,4}-[0-9]{4}-[0-9]{1,6}$")]
    private static partial Regex Reference();
}
