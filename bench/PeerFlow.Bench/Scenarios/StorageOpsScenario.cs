namespace PeerFlow.Bench.Scenarios;

internal static class StorageOpsScenario
{
    public static Task<Report> RunAsync(BenchArgs args) => throw new NotImplementedException();
}
