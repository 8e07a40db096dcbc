using PeerFlow.Bench;
using PeerFlow.Bench.Scenarios;

// Usage: PeerFlow.Bench SCENARIO [SCENARIO...] [--option value ...]
// Each scenario prints exactly one JSON line on stdout; progress, logs and errors go to stderr, so that
// `./peerflow bench throughput > result.json` captures the result alone.
// `PeerFlow.Bench recovery-child HUB ...` is the worker process the recovery scenario starts and kills; not for people.
if (args is ["recovery-child", var childHub, .. var childOptions])
{
    return await RecoveryChild.RunAsync(childHub, BenchArgs.Parse(childOptions));
}

var scenarios = new Dictionary<string, Func<BenchArgs, Task<Report>>>(StringComparer.OrdinalIgnoreCase)
{
    ["throughput"] = ThroughputScenario.RunAsync,
    ["timers"] = TimersScenario.RunAsync,
    ["recovery"] = RecoveryScenario.RunAsync,
    ["idle"] = IdleScenario.RunAsync,
    ["scale"] = PeerFlow.Bench.Scale.ScaleScenario.RunAsync,
    ["crashes"] = PeerFlow.Bench.Reliability.CrashesScenario.RunAsync,
    ["load"] = PeerFlow.Bench.Reliability.LoadScenario.RunAsync,
};

BenchArgs parsed;
try
{
    parsed = BenchArgs.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"bench: {ex.Message}");
    return 2;
}

if (parsed.Scenarios.Count == 0 || parsed.Scenarios.Any(s => !scenarios.ContainsKey(s)))
{
    Console.Error.WriteLine($"usage: PeerFlow.Bench SCENARIO [--option value ...]; scenarios: {string.Join(", ", scenarios.Keys)}");
    return 2;
}

var exitCode = 0;
foreach (var name in parsed.Scenarios)
{
    Console.Error.WriteLine($"bench: {name}");
    Report report;
    try
    {
        report = await scenarios[name](parsed);
    }
    catch (BenchFailedException ex)
    {
        // A scenario that could not finish still says what it measured, with "error" set.
        Console.Error.WriteLine($"bench: {name} FAILED: {ex.Message}");
        report = ex.Partial ?? new Report(name);
        report.Set("error", ex.Message);
        exitCode = 1;
    }
#pragma warning disable CA1031 // Any failure, expected or not, must still end in the scenario's one JSON line.
    catch (Exception ex)
#pragma warning restore CA1031
    {
        Console.Error.WriteLine($"bench: {name} FAILED: {ex}");
        report = new Report(name).Set("error", $"{ex.GetType().Name}: {ex.Message}");
        exitCode = 1;
    }

    Console.Out.WriteLine(report.ToJson());
    Console.Out.Flush();
}

return exitCode;
