using System.Text.Json.Nodes;

namespace PeerFlow.Bench;

/// <summary>The one JSON line a scenario prints: "scenario" first, then figures and parameters in the order they were set.</summary>
internal sealed class Report
{
    private readonly JsonObject json;

    public Report(string scenario) => json = new JsonObject { ["scenario"] = scenario };

    public Report Set(string name, JsonNode? value)
    {
        json[name] = value;
        return this;
    }

    /// <summary>Rounded so the line stays readable (the measurements are not precise beyond this); null when there is no value (NaN).</summary>
    public Report Set(string name, double value, int decimals) => Set(name, double.IsFinite(value) ? Math.Round(value, decimals) : null);

    public JsonNode? this[string name] => json[name];

    public string ToJson() => json.ToJsonString();
}

/// <summary>A scenario that could not complete; <see cref="Partial"/> holds what it measured before it gave up.</summary>
internal sealed class BenchFailedException : Exception
{
    public BenchFailedException(string message, Report? partial = null) : base(message) => Partial = partial;

    public BenchFailedException() : base("The benchmark failed.") { }

    public BenchFailedException(string message, Exception inner) : base(message, inner) { }

    public Report? Partial { get; }
}
