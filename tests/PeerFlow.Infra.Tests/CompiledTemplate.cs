using System.Text.Json.Nodes;

namespace PeerFlow.Infra.Tests;

/// <summary>infra/main.bicep compiled once (bicep build --stdout) and parsed, shared by the
/// tests of one class. Modules appear as nested deployments with their own templates.</summary>
public sealed class CompiledTemplate : IAsyncLifetime
{
    public string Text { get; private set; } = "";

    public JsonObject Root { get; private set; } = new();

    public async Task InitializeAsync()
    {
        var result = await BicepCli.RunAsync("build", "infra/main.bicep", "--stdout");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(result.Describe());
        }

        Text = result.StandardOutput;
        Root = JsonNode.Parse(Text)!.AsObject();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Every resource declared anywhere (modules included), with the template that
    /// declares it. Templates list resources as an array, or (language version 2.0) as an
    /// object keyed by symbolic name.</summary>
    public IReadOnlyList<(JsonObject Resource, JsonObject Template)> Resources()
    {
        var found = new List<(JsonObject, JsonObject)>();
        Collect(Root, found);
        return found;
    }

    public IReadOnlyList<JsonObject> ResourcesOfType(string type) =>
        Resources()
            .Where(r => string.Equals(Str(r.Resource, "type"), type, StringComparison.OrdinalIgnoreCase)
                && !(r.Resource["existing"]?.GetValue<bool>() ?? false))
            .Select(r => r.Resource)
            .ToList();

    public JsonObject OnlyOfType(string type)
    {
        var matches = ResourcesOfType(type);
        Assert.True(matches.Count == 1, $"expected one {type}, found {matches.Count}");
        return matches[0];
    }

    /// <summary>The template of the module deployment with this name (e.g. "roles").</summary>
    public JsonObject ModuleTemplate(string deploymentName) =>
        Resources()
            .Select(r => r.Resource)
            .Single(r => Str(r, "type") == "Microsoft.Resources/deployments" && Str(r, "name") == deploymentName)
            ["properties"]!["template"]!.AsObject();

    public static JsonNode? At(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            node = node?[part];
        }

        return node;
    }

    public static string? Str(JsonNode? node, string path) => At(node, path)?.GetValue<string>();

    public static bool? Bool(JsonNode? node, string path) => At(node, path)?.GetValue<bool>();

    private static void Collect(JsonObject template, List<(JsonObject, JsonObject)> found)
    {
        var resources = template["resources"] switch
        {
            JsonArray array => array.Select(n => n!.AsObject()),
            JsonObject map => map.Select(p => p.Value!.AsObject()),
            _ => [],
        };
        foreach (var resource in resources)
        {
            found.Add((resource, template));
            if (Str(resource, "type") == "Microsoft.Resources/deployments" && At(resource, "properties.template") is JsonObject nested)
            {
                Collect(nested, found);
            }
        }
    }
}
