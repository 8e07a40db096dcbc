using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using PeerFlow.Domain.Email;
using PeerFlow.Domain.Notices;
using PeerFlow.Domain.Storage;

namespace PeerFlow.Bench.Reliability;

/// <summary>
/// <c>./peerflow bench crashes</c> (issue 17, items 6 and 8): the local host (or <c>--hosts</c> of them on one store)
/// under the <see cref="Workload"/> on a scheme whose deadlines are a day or two (bench/reliability/organisation.json),
/// the sandbox clock moved on every <c>--clock-every</c> seconds (or, with <c>--clock-speed</c>, a fast clock every host
/// shares) so timers keep falling due, and a host SIGKILLed at a
/// random moment <c>--kills</c> times and started again on the same data. Azurite is never killed: it loses its last
/// seconds of writes on a kill, which Azure Storage does not (docs/reliability.md). Afterwards the clock is moved on
/// past every retry and <see cref="Checks"/> reads what was kept. One JSON line.
/// </summary>
internal static class CrashesScenario
{
    public static async Task<Report> RunAsync(BenchArgs args)
    {
        var referrals = args.Int("referrals", 1000);
        var kills = args.Int("kills", 50);
        var hostCount = args.Int("hosts", 1);
        var clockEvery = TimeSpan.FromSeconds(args.Int("clock-every", 30));
        var clockHours = args.Int("clock-hours", 12);
        // Days the clock goes on at the end, past every retry. 0 with --clock-every 0: the clock never moves, which is
        // what several hosts need (see AdvanceAsync).
        var finalDays = args.Int("final-days", 8);
        // While a notice is still pending at the end (a delivery waiting to try again), the clock goes on this much.
        var settleMinutes = args.Int("settle-minutes", 720);
        var upMin = args.Int("up-min", 3);
        var upMax = args.Int("up-max", 30);
        var seed = args.Int("seed", Environment.TickCount);
        // Kill once this many more referrals have been accepted since the last start, not after a random time (CI).
        var killAfterReferrals = args.Int("kill-after-referrals", 0);
        // 1: people's steps (signals) only once the kills are over, so kills fall on intake alone (CI's several-hosts
        // test, until a signal whose doorbell died with its host is rung again: docs/reliability.md).
        var stepsAfterKills = args.Int("steps-after-kills", 0) == 1;
        var organisation = args.String("organisation") ?? "bench/reliability/organisation.json";
        // Above 0: every host runs a fast clock of this speed (workflow seconds per real second) from the run's start,
        // so deadlines fall due on their own, the same in every host; the sandbox clock is not moved.
        var clockSpeed = args.Int("clock-speed", 0);
        var storage = Environment.GetEnvironmentVariable("PEERFLOW_STORAGE") ?? throw new BenchFailedException("PEERFLOW_STORAGE is not set: run ./peerflow bench crashes");
        var hub = "crash" + Guid.NewGuid().ToString("N")[..8];
        var report = new Report("crashes").Set("hosts", hostCount).Set("referrals", referrals).Set("kills", kills).Set("seed", seed)
            .Set("load_start", LoadAverage.Read());
        var random = new Random(seed);
        var tables = new TableServiceClient(storage);
        var watch = Stopwatch.StartNew();

        var clockFrom = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        await using var hosts = new HostPool(storage, hub, organisation, hostCount, args.String("host-dll"))
        {
            Environment = clockSpeed > 0
                ? new Dictionary<string, string> { ["PEERFLOW_CLOCK_SPEED"] = clockSpeed.ToString(CultureInfo.InvariantCulture), ["PEERFLOW_CLOCK_FROM"] = clockFrom }
                : null,
        };
        var runClock = new RunClock(hosts, clockSpeed);
        report.Set("clock_speed", clockSpeed);
        await Task.WhenAll(Enumerable.Range(0, hostCount).Select(hosts.StartAsync));
        Console.Error.WriteLine($"bench: {hostCount} host(s) up after {watch.Elapsed.TotalSeconds:F0} s; hub {hub}");
        var workload = new Workload(hosts, new CapturedMailStore(tables, hub, TimeProvider.System), tables.GetTableClient(hub + "CapturedMail"), hub);
        await workload.CreateMentorsAsync(Math.Max(4, referrals / 4 / 8), CancellationToken.None);

        using var stop = new CancellationTokenSource();
        var killsDone = 0;
        var restarts = new List<double>();
        var killer = Task.Run(async () =>
        {
            for (var k = 1; k <= kills; k++)
            {
                if (killAfterReferrals > 0)
                {
                    var before = workload.Cases.Count;
                    while (workload.Cases.Count < Math.Min(referrals, before + killAfterReferrals))
                    {
                        await Task.Delay(100);
                    }
                }
                else
                {
                    await Task.Delay(TimeSpan.FromSeconds(upMin + (random.NextDouble() * (upMax - upMin))));
                }

                var victim = random.Next(hostCount);
                await hosts.KillAsync(victim);
                var down = Stopwatch.StartNew();
                Console.Error.WriteLine($"bench: kill {k} of {kills}: host {victim} at {watch.Elapsed.TotalSeconds:F0} s; {workload.Cases.Count} referrals accepted");
                await hosts.StartAsync(victim);
                restarts.Add(down.Elapsed.TotalSeconds);
                Interlocked.Increment(ref killsDone);
            }
        });

        // Referrals spread over the kills, a few at once, so that every kill finds intake in flight.
        var intake = Task.Run(async () =>
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, referrals), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (n, ct) =>
            {
                while (kills > 0 && Volatile.Read(ref killsDone) < (long)n * kills / referrals)
                {
                    await Task.Delay(200, ct);
                }

                await workload.ReferAsync(n, ct);
            });
        });

        var clockMoves = 0;
        var clock = Task.Run(async () =>
        {
            while (clockEvery > TimeSpan.Zero && !runClock.Fast && !stop.IsCancellationRequested)
            {
                await Task.Delay(clockEvery, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                if (!stop.IsCancellationRequested && await runClock.PassAsync(TimeSpan.FromHours(clockHours), CancellationToken.None))
                {
                    clockMoves++;
                }
            }
        });

        var steps = Task.Run(async () =>
        {
            if (stepsAfterKills)
            {
                await killer;
            }

            while (!stop.IsCancellationRequested)
            {
                await workload.StepAsync(4, CancellationToken.None);
                await Task.Delay(1000, CancellationToken.None);
            }
        });

        await Task.WhenAll(killer, intake);
        report.Set("kills_done", killsDone).Set("restart_p50_s", Stats.Median(restarts), 1).Set("restart_max_s", restarts.DefaultIfEmpty(double.NaN).Max(), 1)
            .Set("crash_phase_s", watch.Elapsed.TotalSeconds, 0).Set("load_after_kills", LoadAverage.Read());
        Console.Error.WriteLine($"bench: kills done at {watch.Elapsed.TotalSeconds:F0} s; finishing the people's steps");

        // No more kills: the people's remaining steps, then the clock on past every deadline and every retry.
        var finishing = Stopwatch.StartNew();
        while (workload.Counts(c => !c.Done) > 0 && finishing.Elapsed < TimeSpan.FromMinutes(15))
        {
            await Task.Delay(2000);
        }

        await stop.CancelAsync();
        await Task.WhenAll(clock, steps);
        report.Set("steps_left_undone", workload.Counts(c => !c.Done)).Set("clock_moves", clockMoves);
        Console.Error.WriteLine($"bench: people's steps done at {watch.Elapsed.TotalSeconds:F0} s; the clock goes on {finalDays} days");
        var store = new PeerFlowStore(tables, hub);
        for (var day = 0; day < finalDays; day++)
        {
            await runClock.PassAsync(TimeSpan.FromHours(12), CancellationToken.None);
            await runClock.PassAsync(TimeSpan.FromHours(12), CancellationToken.None);
        }

        // Settled: no notice on its way and no start pending, or ten minutes.
        var settling = Stopwatch.StartNew();
        while (settling.Elapsed < TimeSpan.FromMinutes(10))
        {
            // Under a fast clock new notices keep falling due: settled when none has waited longer than it may.
            var queuedBefore = runClock.Fast ? await Checks.ClockAsync(hosts, CancellationToken.None) - runClock.LateAfter : DateTime.MaxValue;
            var pendingNotices = (await store.Notices.ScanAsync($"State eq {nameof(NoticeState.Pending)}", CancellationToken.None)).Count(n => n.Value.QueuedAt < queuedBefore);
            var pendingStarts = (await store.Starts.ScanAsync(null, CancellationToken.None)).Count;
            if (pendingNotices == 0 && pendingStarts == 0)
            {
                break;
            }

            Console.Error.WriteLine($"bench: settling: {pendingNotices} notices pending, {pendingStarts} starts pending");
            if (pendingNotices > 0 && settleMinutes > 0)
            {
                await runClock.PassAsync(TimeSpan.FromMinutes(settleMinutes), CancellationToken.None);
            }

            await Task.Delay(5000);
        }

        // A timer released by the last move may still be on its way through a loaded engine: wait for it (a condition),
        // so that what the checks call stuck is work that did not happen, not work still happening.
        var ids = workload.Cases.Select(c => c.Id).ToList();
        while (settling.Elapsed < TimeSpan.FromMinutes(20) && await Checks.LateAsync(hosts, ids, runClock.LateAfter, CancellationToken.None) is var late and > 0)
        {
            Console.Error.WriteLine($"bench: settling: {late} referrals with a workflow not yet started or something due not yet done");
            await Task.Delay(5000);
        }

        report.Set("settle_s", settling.Elapsed.TotalSeconds, 0).Set("sandbox_now", (await Checks.ClockAsync(hosts, CancellationToken.None)).ToString("O", CultureInfo.InvariantCulture));
        foreach (var (name, value) in await Checks.RunAsync(hosts, tables, hub, workload, runClock.LateAfter, CancellationToken.None))
        {
            report.Set(name, JsonSerializer.SerializeToNode(value));
        }

        report.Set("assessments_accepted", workload.Cases.Sum(c => c.AssessmentsAccepted)).Set("link_accepts_accepted", workload.Cases.Sum(c => c.AcceptsAccepted))
            .Set("intake_p50_ms", Stats.Median([.. workload.Latencies]), 0).Set("intake_p99_ms", Stats.Percentile([.. workload.Latencies], 99), 0)
            .Set("duration_s", watch.Elapsed.TotalSeconds, 0).Set("load_end", LoadAverage.Read());
        return report;
    }
}
