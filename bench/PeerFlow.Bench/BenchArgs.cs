using System.Globalization;

namespace PeerFlow.Bench;

/// <summary>Scenario names and <c>--name value</c> overrides of their parameters (e.g. <c>--instances 50</c> for a quick try).</summary>
internal sealed class BenchArgs
{
    private readonly Dictionary<string, string> options = new(StringComparer.OrdinalIgnoreCase);

    public List<string> Scenarios { get; } = [];

    public static BenchArgs Parse(string[] args)
    {
        var parsed = new BenchArgs();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (i + 1 >= args.Length)
                {
                    throw new ArgumentException($"option {args[i]} needs a value");
                }

                parsed.options[args[i][2..]] = args[++i];
            }
            else
            {
                parsed.Scenarios.Add(args[i]);
            }
        }

        return parsed;
    }

    public int Int(string name, int defaultValue) =>
        options.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : defaultValue;

    public double Double(string name, double defaultValue) =>
        options.TryGetValue(name, out var text) ? double.Parse(text, CultureInfo.InvariantCulture) : defaultValue;

    public string? String(string name) => options.GetValueOrDefault(name);
}
