using System.Reflection;
using PeerFlow.Bench;
using PeerFlow.Bench.Reliability;
using Xunit.Abstractions;

namespace PeerFlow.Reliability.Tests;

/// <summary>
/// <c>./peerflow bench crashes</c> made small enough for every CI run (issue 17 item 10): the local host as its own
/// process on Azurite, SIGKILLed while referrals, assessments, link answers and check-ins are posted and the sandbox
/// clock moves; then three hosts on one store with one killed, under a fast clock they share. Each kill comes once more referrals have been accepted
/// (a condition, not a time), and everything after waits for what storage says, so a loaded machine only makes it
/// slower. The figures are the scenario's one JSON line; docs/reliability.md has the full-size runs.
/// </summary>
public sealed class CrashRunTests(ITestOutputHelper log)
{
    [Fact]
    public async Task A_host_killed_again_and_again_under_the_workload_loses_nothing_stalls_nothing_and_sends_nothing_twice()
    {
        var report = await RunAsync(hosts: 1, referrals: 8, kills: 2);
        Assert.Equal(2, report["kills_done"]!.GetValue<int>());
        AssertHeld(report, 8);
    }

    /// <summary>
    /// Three whole hosts on one store under a fast clock they share (a day a real minute), so deadlines fall due and
    /// each host's engine fires the timers of the partitions it holds then; one host is killed, and the people's steps go
    /// on through it. The checks then find every due thing done within two real minutes of its time.
    /// </summary>
    [Fact]
    public async Task Three_hosts_on_one_store_with_one_killed_keep_the_same_promises_while_deadlines_fall_due()
    {
        var report = await RunAsync(hosts: 3, referrals: 9, kills: 1, "--clock-speed", "1440", "--final-days", "3");
        Assert.Equal(1, report["kills_done"]!.GetValue<int>());
        AssertHeld(report, 9);
        // Deadlines fell due: assessments not recorded in time were chased.
        var codes = report["notices_by_code"]!.AsObject();
        Assert.True(codes.ContainsKey("AssessmentReminder") || codes.ContainsKey("AssessmentOverdue"), report.ToJson());
    }

    private async Task<Report> RunAsync(int hosts, int referrals, int kills, params string[] options)
    {
        var report = await CrashesScenario.RunAsync(BenchArgs.Parse(
        [
            "crashes", "--hosts", $"{hosts}", "--referrals", $"{referrals}", "--kills", $"{kills}",
            "--kill-after-referrals", $"{referrals / (kills + 1)}", "--clock-every", "20",
            "--host-dll", Metadata("LocalHostDll"), "--organisation", Metadata("OrganisationFile"), .. options,
        ]));
        log.WriteLine(report.ToJson());
        return report;
    }

    private static void AssertHeld(Report report, int referrals)
    {
        var line = report.ToJson();
        Assert.True(report["accepted_but_lost"]!.GetValue<int>() == 0, line);
        Assert.True(report["referrals_accepted"]!.GetValue<int>() == referrals, line);
        Assert.True(report["stuck"]!.GetValue<int>() == 0, line);
        Assert.True(report["emails_sent_twice"]!.GetValue<int>() == 0, line);
        Assert.True(report["timeline_duplicates"]!.GetValue<int>() == 0, line);
        Assert.True(report["signals_waiting"]!.GetValue<int>() == 0, line);
        Assert.True(report["checkins_not_stored_once"]!.GetValue<int>() == 0, line);
        Assert.True(report["checkins_accepted"]!.GetValue<int>() > 0, line);
        Assert.True(report["ok"]!.GetValue<bool>(), line);
    }

    private static string Metadata(string key)
    {
        var value = typeof(CrashRunTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
        Assert.True(File.Exists(value), $"{value} is missing");
        return value;
    }
}
