namespace PeerFlow.Bench.Scenarios;

internal static class ThroughputScenario
{
    public static Task<Report> RunAsync(BenchArgs args) => throw new NotImplementedException();
}
