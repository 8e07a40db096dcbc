using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using PeerFlow.Domain.Email;

namespace PeerFlow.Bench.Reliability;

/// <summary>
/// <c>./peerflow bench load</c> (issue 17, item 9): referrals, then link answers (mentors accepting proposals), then
/// check-ins, each posted by <c>--clients</c> clients as fast as they are answered, each phase bounded by
/// <c>--seconds</c> and <c>--count</c>: throughput and p50/p99 latency of each, beside Azurite's raw write rate
/// measured in the same run (plain single-entity upserts, before and after). Afterwards <see cref="Checks"/>: every
/// accepted item in its record and taken by its workflow. One JSON line.
/// </summary>
internal static class LoadScenario
{
    public static async Task<Report> RunAsync(BenchArgs args)
    {
        var clients = args.Int("clients", 8);
        var seconds = args.Int("seconds", 120);
        var count = args.Int("count", 1000);
        var organisation = args.String("organisation") ?? "bench/reliability/organisation.json";
        var storage = Environment.GetEnvironmentVariable("PEERFLOW_STORAGE") ?? throw new BenchFailedException("PEERFLOW_STORAGE is not set: run ./peerflow bench load");
        var hub = "load" + Guid.NewGuid().ToString("N")[..8];
        var report = new Report("load").Set("clients", clients).Set("seconds", seconds).Set("count", count).Set("load_start", LoadAverage.Read());
        var tables = new TableServiceClient(storage);

        report.Set("azurite_writes_per_s_before", await AzuriteWriteRate.MeasureAsync(storage, 2000, clients, TimeSpan.FromMinutes(3)), 0);
        await using var hosts = new HostPool(storage, hub, organisation, 1);
        await hosts.StartAsync(0);
        var workload = new Workload(hosts, new CapturedMailStore(tables, hub, TimeProvider.System), tables.GetTableClient(hub + "CapturedMail"), hub) { HoldAccepts = true };
        await workload.CreateMentorsAsync(Math.Max(4, count / 4 / 8), CancellationToken.None);

        // Referrals.
        var next = -1;
        var intake = await PhaseAsync(report, "referrals", clients, seconds, count, async () =>
        {
            var n = Interlocked.Increment(ref next);
            var body = new JsonObject
            {
                ["schemeId"] = Workload.Scheme, ["kind"] = "Self", ["consent"] = true, ["name"] = $"Load Person {n}",
                ["email"] = $"person{n}.{hub}@example.com", ["postcodeDistrict"] = "EX4", ["reasonForReferral"] = "Load run",
            };
            var answer = await hosts.SendAsync(() => Post("/api/referrals", body), CancellationToken.None);
            if (answer.Status == HttpStatusCode.Accepted)
            {
                var json = JsonDocument.Parse(answer.Body).RootElement;
                workload.Add(new Workload.Case(n, json.GetProperty("id").GetString()!, json.GetProperty("reference").GetString()!));
            }

            return Code(answer);
        });

        // Every fourth referral assessed and proposed to a mentor (not timed), then the mentors' link answers.
        var setup = Stopwatch.StartNew();
        bool Ready(Workload.Case c) => c.N % 4 != 0 || workload.AcceptToken(c) is not null;
        while (!workload.Cases.All(Ready) && setup.Elapsed < TimeSpan.FromMinutes(20))
        {
            await workload.StepAsync(clients, CancellationToken.None);
            await Task.Delay(1000);
        }

        report.Set("setup_s", setup.Elapsed.TotalSeconds, 0);
        var toAccept = new ConcurrentQueue<Workload.Case>(workload.Cases.Where(c => c.N % 4 == 0 && workload.AcceptToken(c) is not null));
        await PhaseAsync(report, "link_answers", clients, seconds, count, async () =>
        {
            if (!toAccept.TryDequeue(out var c))
            {
                return null;
            }

            var answer = await hosts.SendAsync(() => Post($"/api/links/accept?t={workload.AcceptToken(c)}", null), CancellationToken.None);
            if (answer.Status == HttpStatusCode.Accepted)
            {
                c.AcceptsAccepted++;
                c.Accepted = true;
            }

            return Code(answer);
        });

        // Check-ins on the matches the answers made active, round and round.
        var active = workload.Cases.Where(c => c.Accepted).ToList();
        var settle = Stopwatch.StartNew();
        var views = new ConcurrentDictionary<string, string?>();
        while (settle.Elapsed < TimeSpan.FromMinutes(10))
        {
            await Parallel.ForEachAsync(active.Where(c => views.GetValueOrDefault(c.Id) != "Active"), new ParallelOptions { MaxDegreeOfParallelism = clients }, async (c, ct) =>
            {
                var answer = await hosts.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"/api/referrals/{c.Id}"), ct);
                views[c.Id] = answer.Status == HttpStatusCode.OK ? JsonDocument.Parse(answer.Body).RootElement.GetProperty("stage").GetString() : null;
            });
            if (active.All(c => views.GetValueOrDefault(c.Id) == "Active"))
            {
                break;
            }

            await Task.Delay(2000);
        }

        report.Set("link_answers_active_after_s", settle.Elapsed.TotalSeconds, 0).Set("link_answers_not_active", active.Count(c => views.GetValueOrDefault(c.Id) != "Active"));
        var turn = -1;
        await PhaseAsync(report, "checkins", clients, seconds, count, async () =>
        {
            if (active.Count == 0)
            {
                return null;
            }

            var i = Interlocked.Increment(ref turn);
            var c = active[i % active.Count];
            var marker = $"ci-{hub}-{c.N}-{i}";
            var answer = await hosts.SendAsync(
                () => Post($"/api/referrals/{c.Id}/checkins", new JsonObject { ["rag"] = "green", ["met"] = true, ["notes"] = marker }), CancellationToken.None);
            if (answer.Status == HttpStatusCode.Created)
            {
                lock (c)
                {
                    c.CheckInsAccepted++;
                    c.AcceptedMarkers.Add(marker);
                }
            }

            return Code(answer);
        });

        report.Set("azurite_writes_per_s_after", await AzuriteWriteRate.MeasureAsync(storage, 2000, clients, TimeSpan.FromMinutes(3)), 0);

        // Settled: every signal taken, or five minutes; then what was kept.
        var waiting = Stopwatch.StartNew();
        while (waiting.Elapsed < TimeSpan.FromMinutes(5))
        {
            var left = 0;
            await foreach (var _ in new Domain.Storage.PeerFlowStore(tables, hub).Inbox.Table.QueryAsync<TableEntity>("Outcome eq ''", select: ["Outcome"]))
            {
                left++;
            }

            if (left == 0)
            {
                break;
            }

            await Task.Delay(2000);
        }

        foreach (var (name, value) in await Checks.RunAsync(hosts, tables, hub, workload, TimeSpan.FromMinutes(1), CancellationToken.None))
        {
            report.Set(name, JsonSerializer.SerializeToNode(value));
        }

        return report.Set("load_end", LoadAverage.Read());
    }

    /// <summary>
    /// <paramref name="clients"/> loops sending one request after another until <paramref name="seconds"/> have passed,
    /// <paramref name="count"/> have been sent, or <paramref name="send"/> has nothing left (null).
    /// </summary>
    private static async Task<int> PhaseAsync(Report report, string name, int clients, int seconds, int count, Func<Task<string?>> send)
    {
        var times = new ConcurrentBag<double>();
        var answers = new ConcurrentDictionary<string, int>();
        var sent = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (watch.Elapsed < TimeSpan.FromSeconds(seconds) && Interlocked.Increment(ref sent) <= count)
            {
                var started = Stopwatch.StartNew();
                if (await send() is not { } status)
                {
                    break;
                }

                times.Add(started.Elapsed.TotalMilliseconds);
                answers.AddOrUpdate(status, 1, (_, n) => n + 1);
            }
        })));
        var elapsed = watch.Elapsed.TotalSeconds;
        var accepted = answers.Where(a => a.Key is "201" or "202").Sum(a => a.Value);
        report.Set($"{name}_accepted", accepted).Set($"{name}_per_s", accepted / elapsed, 1)
            .Set($"{name}_p50_ms", Stats.Median([.. times]), 0).Set($"{name}_p99_ms", Stats.Percentile([.. times], 99), 0)
            .Set($"{name}_answers", JsonSerializer.SerializeToNode(answers.ToDictionary(a => a.Key, a => a.Value))).Set($"{name}_s", elapsed, 1);
        Console.Error.WriteLine($"bench: {name}: {accepted} accepted in {elapsed:F1} s ({accepted / elapsed:F1}/s), p99 {Stats.Percentile([.. times], 99):F0} ms");
        return accepted;
    }

    /// <summary>The status code, or "none" when no answer came.</summary>
    private static string Code(Answer answer) => answer.Status is { } s ? ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture) : "none";

    private static HttpRequestMessage Post(string path, JsonNode? body) =>
        new(HttpMethod.Post, path) { Content = new StringContent(body?.ToJsonString() ?? "", Encoding.UTF8, "application/json") };
}
