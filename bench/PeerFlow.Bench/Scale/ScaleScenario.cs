using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using PeerFlow.Domain.Storage;

namespace PeerFlow.Bench.Scale;

/// <summary>
/// <c>./peerflow bench scale</c> (issue 20): seeds referrals straight into storage, starts the local host on them and
/// measures, at 1,000 referrals and then at <c>--referrals</c> (default 50,000): p50/p95 of the dashboard, alerts, the
/// referral list's first page, a referral's page and search by name; the monthly report for one scheme and for all, with
/// the host's peak memory while it ran; and intake with 8 clients posting at once. One JSON line.
/// </summary>
internal static class ScaleScenario
{
    private const int Clients = 8;

    private const int SeedStep = 2_000;

    public static async Task<Report> RunAsync(BenchArgs args)
    {
        var total = args.Int("referrals", 50_000);
        var samples = args.Int("samples", 20);
        var posts = args.Int("posts", 25);
        var storage = Environment.GetEnvironmentVariable("PEERFLOW_STORAGE") ?? throw new BenchFailedException("PEERFLOW_STORAGE is not set: run ./peerflow bench scale");
        var hub = "scale" + Guid.NewGuid().ToString("N")[..8];
        var report = new Report("scale").Set("referrals", total).Set("load_start", LoadAverage.Read());
        var tables = new TableServiceClient(storage);

        await using var host = await LocalHostProcess.StartAsync(storage, hub);
        using var http = new HttpClient { BaseAddress = host.Url, Timeout = TimeSpan.FromMinutes(5) };
        var store = new PeerFlowStore(tables, hub);
        var schemes = (await store.Schemes.PartitionAsync("scheme", CancellationToken.None)).Select(s => s.Value).OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        var now = DateTime.UtcNow;
        // 1: only the report's rows are seeded and only the report is timed, so that its figure at size exists where the
        // emulator cannot take every row of that many referrals in the time there is (docs/benchmarks.md).
        var reportOnly = args.Int("report-only", 0) == 1;
        report.Set("report_only", reportOnly);
        var seeder = new ScaleSeeder(tables, hub, schemes, now, args.Int("seed-writes", 64), args.Int("seed-batches", 16), reportOnly);
        // An ended month is generated on its first view and then stored: each size times a month not generated before
        // (two months back at 1,000, last month at full size), then the stored page again.
        string MonthFor(string suffix) => now.AddMonths(suffix.Length == 0 ? -1 : -2).ToString("yyyy-MM", CultureInfo.InvariantCulture);

        var seeded = 0;
        foreach (var (size, suffix) in new[] { (Math.Min(1_000, total), "_at_1k"), (total, "") })
        {
            var watch = Stopwatch.StartNew();
            // In steps, each reported, so that a seeding that slows as the store grows shows where.
            for (var from = seeded; from < size; from += SeedStep)
            {
                var step = Stopwatch.StartNew();
                var to = Math.Min(size, from + SeedStep);
                await seeder.SeedAsync(from, to, CancellationToken.None);
                Console.Error.WriteLine($"bench: seeded to {to} ({(to - from) / step.Elapsed.TotalSeconds:F0}/s)");
            }

            Console.Error.WriteLine($"bench: seeded {size - seeded} referrals in {watch.Elapsed.TotalSeconds:F1} s ({(size - seeded) / watch.Elapsed.TotalSeconds:F0}/s)");
            report.Set("seed_per_s" + suffix, (size - seeded) / watch.Elapsed.TotalSeconds, 0);
            seeded = size;

            var openIds = Enumerable.Range(0, size).Where(ScaleSeeder.IsOpen).Select(ScaleSeeder.IdOf).ToList();
            if (!reportOnly)
            {
                await PagesAsync(report, http, suffix, samples, size, openIds);
            }

            var scheme = schemes[0].Id;
            var month = MonthFor(suffix);
            var (one, _) = await TimeAsync(host, () => http.GetAsync($"/api/reports/{scheme}/{month}"));
            var (all, peak) = await TimeAsync(host, () => http.GetAsync($"/reports/{month}"));
            var (stored, _) = await TimeAsync(host, () => http.GetAsync($"/reports/{month}"));
            report.Set("report_scheme_s" + suffix, one, 2).Set("report_all_s" + suffix, all, 2).Set("report_peak_mb" + suffix, peak, 0).Set("report_stored_s" + suffix, stored, 2);

            if (!reportOnly)
            {
                await IntakeAsync(report, http, schemes, suffix, posts);
            }

            report.Set("load" + suffix, LoadAverage.Read());
        }

        return report.Set("samples", samples).Set("intake_posts", Clients * posts).Set("load_end", LoadAverage.Read());
    }

    private static async Task PagesAsync(Report report, HttpClient http, string suffix, int samples, int size, List<string> openIds)
    {
        await MeasureAsync(report, "dashboard", suffix, samples, _ => http.GetAsync("/dashboard"));
        await MeasureAsync(report, "alerts", suffix, samples, _ => http.GetAsync("/api/alerts"));
        await MeasureAsync(report, "list", suffix, samples, _ => http.GetAsync("/api/referrals"));
        await MeasureAsync(report, "list_page", suffix, samples, _ => http.GetAsync("/referrals"));
        await MeasureAsync(report, "referral", suffix, samples, i => http.GetAsync("/referrals/" + openIds[i * 7919 % openIds.Count]));
        await MeasureAsync(report, "search", suffix, samples, i => http.PostAsJsonAsync("/api/referrals/search", new { query = ScaleSeeder.NameOf(i * 104_729 % size) }));
    }

    private static async Task MeasureAsync(Report report, string name, string suffix, int samples, Func<int, Task<HttpResponseMessage>> request)
    {
        using (var warm = await request(samples))
        {
            Ensure(warm, name);
        }

        var times = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await request(i);
            await response.Content.ReadAsByteArrayAsync();
            times.Add(watch.Elapsed.TotalMilliseconds);
            Ensure(response, name);
        }

        report.Set($"{name}_p50_ms{suffix}", Stats.Median(times), 0).Set($"{name}_p95_ms{suffix}", Stats.Percentile(times, 95), 0);
        Console.Error.WriteLine($"bench: {name}{suffix} p50 {Stats.Median(times):F0} ms, p95 {Stats.Percentile(times, 95):F0} ms");
    }

    /// <summary>Seconds the request took, and the host's peak resident memory (MB) while it ran.</summary>
    private static async Task<(double Seconds, double PeakMb)> TimeAsync(LocalHostProcess host, Func<Task<HttpResponseMessage>> request)
    {
        host.ResetPeakMemory();
        var watch = Stopwatch.StartNew();
        using var response = await request();
        await response.Content.ReadAsByteArrayAsync();
        Ensure(response, "report");
        return (watch.Elapsed.TotalSeconds, host.PeakMemoryMb());
    }

    private static async Task IntakeAsync(Report report, HttpClient http, List<Domain.Schemes.Scheme> schemes, string suffix, int posts)
    {
        var times = new System.Collections.Concurrent.ConcurrentBag<double>();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async client =>
        {
            for (var i = 0; i < posts; i++)
            {
                var n = client * 1000 + i;
                var body = new
                {
                    schemeId = schemes[n % schemes.Count].Id, kind = "Self", consent = true,
                    name = ScaleSeeder.NameOf(n), email = $"intake{suffix}{n}@example.org", postcodeDistrict = "EX4 1AA",
                };
                var started = Stopwatch.StartNew();
                using var response = await http.PostAsJsonAsync("/api/referrals", body);
                times.Add(started.Elapsed.TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    throw new BenchFailedException($"POST /api/referrals answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}", report);
                }
            }
        }));
        var rate = Clients * posts / watch.Elapsed.TotalSeconds;
        report.Set("intake_per_s" + suffix, rate, 1).Set("intake_p50_ms" + suffix, Stats.Median([.. times]), 0).Set("intake_p99_ms" + suffix, Stats.Percentile([.. times], 99), 0);
        Console.Error.WriteLine($"bench: intake{suffix} {rate:F1}/s, p99 {Stats.Percentile([.. times], 99):F0} ms");
    }

    private static void Ensure(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchFailedException($"{what} answered {(int)response.StatusCode}");
        }
    }
}
