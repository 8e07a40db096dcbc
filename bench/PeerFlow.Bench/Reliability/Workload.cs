using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using PeerFlow.Domain.Email;

namespace PeerFlow.Bench.Reliability;

/// <summary>
/// What people do to PeerFlow in the reliability runs, through its HTTP API only: refer (every other referral
/// assessed as suitable, every other of those proposed to a mentor who accepts through the emailed link, then two
/// check-ins), and a note of every answer, so that the checks afterwards know what was accepted. A request that got no
/// answer is sent again only where that is safe (intake carries an Idempotency-Key; an assessment, a proposal and a
/// link answer are refused the second time); a check-in that got no answer is not, and is counted as "unknown".
/// </summary>
internal sealed partial class Workload(HostPool hosts, CapturedMailStore mail, TableClient capturedMail, string runId)
{
    public const string Scheme = "foster-mentoring";
    private const int CheckInsPerMatch = 2;

    private readonly ConcurrentDictionary<int, Case> cases = new();
    private readonly ConcurrentDictionary<string, string> acceptTokens = new();
    private readonly HashSet<string> mailRead = [];
    private readonly ConcurrentBag<double> latencies = [];
    private readonly List<string> mentors = [];
    private int proposals;

    public IReadOnlyCollection<Case> Cases => [.. cases.Values];

    public IReadOnlyCollection<double> Latencies => latencies;

    public int Counts(Func<Case, bool> which) => cases.Values.Count(which);

    /// <summary>Leaves proposals unanswered, for a run that posts the link answers itself (the load run).</summary>
    public bool HoldAccepts { get; set; }

    /// <summary>A referral accepted by a caller of its own (the load run's intake), for the steps and the checks.</summary>
    public void Add(Case c) => cases[c.N] = c;

    public string? AcceptToken(Case c) => acceptTokens.GetValueOrDefault(c.Reference);

    public async Task CreateMentorsAsync(int count, CancellationToken cancellationToken)
    {
        var dbs = DateTime.UtcNow.AddYears(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        for (var i = 0; i < count; i++)
        {
            var body = new JsonObject
            {
                ["schemeId"] = Scheme, ["name"] = $"Mentor {i}", ["email"] = $"mentor{i}.{runId}@example.org", ["capacity"] = 10,
                ["dbsCheckExpires"] = dbs, ["trainingCompleted"] = true, ["postcodeDistrict"] = "EX4",
                ["availability"] = new JsonArray("evenings"), ["interests"] = new JsonArray("outdoors"),
                ["experiences"] = new JsonArray("teenagers"), ["languages"] = new JsonArray("English"),
            };
            var answer = await UntilAnsweredAsync(() => Post("/api/mentors", body), cancellationToken);
            Expect(answer, "POST /api/mentors", HttpStatusCode.Created);
            mentors.Add(Id(answer));
        }
    }

    /// <summary>Posts referral <paramref name="n"/> until it is accepted (the same Idempotency-Key every time).</summary>
    public async Task ReferAsync(int n, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["schemeId"] = Scheme, ["kind"] = "Self", ["consent"] = true, ["name"] = $"Reliability Person {n}",
            ["email"] = $"person{n}.{runId}@example.com", ["postcodeDistrict"] = "EX4", ["reasonForReferral"] = "Reliability run",
        };
        var key = $"{runId}-{n}";
        var started = DateTime.UtcNow;
        var answer = await UntilAnsweredAsync(
            () =>
            {
                var request = Post("/api/referrals", body);
                request.Headers.Add("Idempotency-Key", key);
                return request;
            },
            cancellationToken);
        latencies.Add((DateTime.UtcNow - started).TotalMilliseconds);
        Expect(answer, "POST /api/referrals", HttpStatusCode.Accepted);
        var json = JsonDocument.Parse(answer.Body).RootElement;
        cases[n] = new Case(n, json.GetProperty("id").GetString()!, json.GetProperty("reference").GetString()!);
    }

    /// <summary>The next step of every case that has one, <paramref name="parallelism"/> at a time; true when none is left.</summary>
    public async Task<bool> StepAsync(int parallelism, CancellationToken cancellationToken)
    {
        await ReadAcceptTokensAsync(cancellationToken);
        var open = cases.Values.Where(c => !c.Done).OrderBy(c => c.N).ToList();
        await Parallel.ForEachAsync(
            open,
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (c, ct) => await StepAsync(c, ct));
        return cases.Values.All(c => c.Done);
    }

    private async Task StepAsync(Case c, CancellationToken cancellationToken)
    {
        var assess = c.N % 2 == 0;
        var match = c.N % 4 == 0;
        if (!assess)
        {
            c.Done = true;
            return;
        }

        if (!c.Assessed)
        {
            var answer = await hosts.SendAsync(() => Post($"/api/referrals/{c.Id}/assessment", Assessment), cancellationToken);
            if (answer.Status == HttpStatusCode.Accepted)
            {
                c.AssessmentsAccepted++;
                c.Assessed = true;
            }
            else if (answer.Status == HttpStatusCode.Conflict)
            {
                // A retry whose first try was kept: the stage has moved on.
                c.Assessed = true;
            }

            c.Done = c.Assessed && !match;
            return;
        }

        if (c.MatchId is null)
        {
            if (await StageAsync(c, cancellationToken) != "Matching")
            {
                return;
            }

            var mentor = mentors[Interlocked.Increment(ref proposals) % mentors.Count];
            var answer = await hosts.SendAsync(() => Post($"/api/referrals/{c.Id}/matches", new JsonObject { ["mentorId"] = mentor }), cancellationToken);
            if (answer.Status == HttpStatusCode.Created)
            {
                c.MatchId = Id(answer);
            }
            else if (answer.NoAnswer || answer.Status == HttpStatusCode.Conflict)
            {
                // Perhaps kept: the referral's matches say.
                c.MatchId = await ProposedMatchAsync(c, cancellationToken);
            }

            return;
        }

        if (!c.Accepted)
        {
            if (HoldAccepts || !acceptTokens.TryGetValue(c.Reference, out var token))
            {
                return;
            }

            var answer = await hosts.SendAsync(() => Post($"/api/links/accept?t={token}", null), cancellationToken);
            if (answer.Status == HttpStatusCode.Accepted)
            {
                c.AcceptsAccepted++;
                c.Accepted = true;
            }
            else if (answer.Status == HttpStatusCode.Conflict)
            {
                c.Accepted = true;
            }

            return;
        }

        if (c.CheckInsAccepted + c.CheckInsUnknown < CheckInsPerMatch)
        {
            if (await StageAsync(c, cancellationToken) != "Active")
            {
                return;
            }

            var marker = $"ci-{runId}-{c.N}-{c.CheckInsAccepted + c.CheckInsUnknown}";
            var answer = await hosts.SendAsync(
                () => Post($"/api/referrals/{c.Id}/checkins", new JsonObject { ["rag"] = "green", ["met"] = true, ["notes"] = marker }), cancellationToken);
            if (answer.Status == HttpStatusCode.Created)
            {
                c.CheckInsAccepted++;
                c.AcceptedMarkers.Add(marker);
            }
            else if (answer.NoAnswer)
            {
                // Not sent again: without an Idempotency-Key a second post is a second check-in.
                c.CheckInsUnknown++;
            }

            return;
        }

        c.Done = true;
    }

    private async Task<string?> StageAsync(Case c, CancellationToken cancellationToken)
    {
        var answer = await hosts.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"/api/referrals/{c.Id}"), cancellationToken);
        return answer.Status == HttpStatusCode.OK ? JsonDocument.Parse(answer.Body).RootElement.GetProperty("stage").GetString() : null;
    }

    private async Task<string?> ProposedMatchAsync(Case c, CancellationToken cancellationToken)
    {
        var answer = await hosts.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"/api/referrals/{c.Id}"), cancellationToken);
        if (answer.Status != HttpStatusCode.OK)
        {
            return null;
        }

        return JsonDocument.Parse(answer.Body).RootElement.GetProperty("matches").EnumerateArray()
            .Select(m => m.GetProperty("id").GetString()).FirstOrDefault();
    }

    /// <summary>The accept links of the proposal emails captured so far, by the referral reference each names.</summary>
    private async Task ReadAcceptTokensAsync(CancellationToken cancellationToken)
    {
        var waiting = cases.Values.Where(c => c.MatchId is not null && !c.Accepted && !acceptTokens.ContainsKey(c.Reference)).ToList();
        if (waiting.Count == 0)
        {
            return;
        }

        // Only the proposal emails' row keys: listing every captured email each round was most of a round at 1,000 referrals.
        var proposals = new List<string>();
        await foreach (var row in capturedMail.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"mail"} and Template eq {EmailTemplateNames.MatchProposed}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            proposals.Add(row.RowKey);
        }

        foreach (var id in proposals)
        {
            if (mailRead.Contains(id) || await mail.GetAsync(id, cancellationToken) is not { Text: { } text })
            {
                continue;
            }

            mailRead.Add(id);

            var link = AcceptLink().Match(text);
            var reference = cases.Values.FirstOrDefault(c => text.Contains(c.Reference, StringComparison.Ordinal))?.Reference;
            if (link.Success && reference is not null)
            {
                acceptTokens[reference] = link.Groups["token"].Value;
            }
        }
    }

    private async Task<Answer> UntilAnsweredAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        while (true)
        {
            var answer = await hosts.SendAsync(request, cancellationToken);
            if (!answer.Unavailable)
            {
                return answer;
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    private static readonly JsonObject Assessment = new()
    {
        ["outcome"] = "suitable",
        ["profile"] = new JsonObject
        {
            ["postcodeDistrict"] = "EX4", ["availability"] = new JsonArray("evenings"), ["interests"] = new JsonArray("outdoors"),
            ["experiences"] = new JsonArray("teenagers"), ["languages"] = new JsonArray("English"),
        },
    };

    private static HttpRequestMessage Post(string path, JsonNode? body) =>
        new(HttpMethod.Post, path) { Content = new StringContent(body?.ToJsonString() ?? "", Encoding.UTF8, "application/json") };

    private static string Id(Answer answer) => JsonDocument.Parse(answer.Body).RootElement.GetProperty("id").GetString()!;

    private static void Expect(Answer answer, string what, HttpStatusCode status)
    {
        if (answer.Status != status)
        {
            throw new BenchFailedException($"{what} answered {(int?)answer.Status}: {answer.Body}");
        }
    }

    [GeneratedRegex(@"/m/accept\?t=(?<token>[A-Za-z0-9._~%-]+)")]
    private static partial Regex AcceptLink();

    /// <summary>One referral of the run and what its answers said.</summary>
    internal sealed class Case(int n, string id, string reference)
    {
        public int N => n;

        public string Id => id;

        public string Reference => reference;

        public bool Done { get; set; }

        public bool Assessed { get; set; }

        public int AssessmentsAccepted { get; set; }

        public string? MatchId { get; set; }

        public bool Accepted { get; set; }

        public int AcceptsAccepted { get; set; }

        public int CheckInsAccepted { get; set; }

        public int CheckInsUnknown { get; set; }

        public List<string> AcceptedMarkers { get; } = [];
    }
}
