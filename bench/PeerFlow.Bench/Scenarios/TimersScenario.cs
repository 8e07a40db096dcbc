namespace PeerFlow.Bench.Scenarios;

internal static class TimersScenario
{
    public static Task<Report> RunAsync(BenchArgs args) => throw new NotImplementedException();
}
