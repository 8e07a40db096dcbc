using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PeerFlow.Orchestrations.Tests.Replay;

/// <summary>
/// The checked-in histories (<c>Replay/Histories/{version}/</c>): one file per distinct path through a workflow,
/// recorded from this project's scenario tests when a version is introduced and kept while instances of that version
/// may still be waiting. `./peerflow record-histories` adds the paths of today's code that are not there yet.
/// </summary>
internal static class HistoryLibrary
{
    public const string RecordSetting = "PEERFLOW_RECORD_HISTORIES";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The files as built into the test output (csproj copies them).</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Replay", "Histories");

    public static IReadOnlyList<string> Files() =>
        Directory.Exists(Folder) ? [.. Directory.EnumerateFiles(Folder, "*.json", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Folder, f)).Order()] : [];

    /// <summary>The files of one version's histories of one workflow (named "{workflow}-{hash}.json").</summary>
    public static IReadOnlyList<string> Files(string version, string orchestrator) =>
        [.. Files().Where(f => Path.GetDirectoryName(f) == version && Path.GetFileName(f).StartsWith(orchestrator + "-", StringComparison.Ordinal))];

    public static RecordedTurn Load(string file) => RecordedTurn.FromJson(JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, file)))!);

    /// <summary>With <see cref="RecordSetting"/> set, writes each turn of a workflow of today's code whose path is new.</summary>
    public static void SaveIfAsked(IEnumerable<RecordedTurn> turns, string scenario)
    {
        if (Environment.GetEnvironmentVariable(RecordSetting) is not ("1" or "true"))
        {
            return;
        }

        foreach (var turn in turns.Where(t => Replayer.IsKnown(t.Orchestrator)))
        {
            var folder = Path.Combine(SourceFolder(), string.IsNullOrEmpty(turn.Version) ? "unversioned" : turn.Version);
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, $"{turn.Orchestrator}-{Hash(turn.Outline)}.json");
            if (!File.Exists(file))
            {
                var json = turn.ToJson();
                json["scenario"] = scenario;
                File.WriteAllText(file, json.ToJsonString(Indented) + "\n");
            }
        }
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];

    private static string SourceFolder([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "Histories");
}
