using System.Globalization;
using System.Text.Json.Nodes;

namespace PeerFlow.Bench;

/// <summary>
/// The machine's load average (1, 5 and 15 minutes) from /proc/loadavg: every figure is reported with the load at its
/// start and end, because on a shared two-core machine the load says how far the figure can be trusted.
/// </summary>
internal static class LoadAverage
{
    public static JsonNode? Read()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return new JsonArray(
                [.. fields.Take(3).Select(f => (JsonNode?)JsonValue.Create(double.Parse(f, CultureInfo.InvariantCulture)))]);
        }
        catch (IOException)
        {
            return null; // not Linux: the figure is still worth having
        }
    }
}
