using System.Text.Json;
using System.Text.Json.Serialization;

namespace PeerFlow.Durable.History;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(List<HistoryEvent>))]
[JsonSerializable(typeof(List<EventRaised>))]
[JsonSerializable(typeof(HistoryEvent))]
[JsonSerializable(typeof(TaskFailureDetails))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(ParentLink))]
internal sealed partial class HistoryJsonContext : JsonSerializerContext;

/// <summary>Turns the events of one episode into one compact JSON array and back.</summary>
public static class HistorySerializer
{
    public static string Serialize(IReadOnlyList<HistoryEvent> events) =>
        JsonSerializer.Serialize(events as List<HistoryEvent> ?? [.. events], HistoryJsonContext.Default.ListHistoryEvent);

    public static List<HistoryEvent> Deserialize(string json) =>
        JsonSerializer.Deserialize(json, HistoryJsonContext.Default.ListHistoryEvent) ?? [];

    public static string SerializeFailure(TaskFailureDetails failure) =>
        JsonSerializer.Serialize(failure, HistoryJsonContext.Default.TaskFailureDetails);

    public static TaskFailureDetails? DeserializeFailure(string? json) =>
        json is null ? null : JsonSerializer.Deserialize(json, HistoryJsonContext.Default.TaskFailureDetails);

    public static string SerializeAttributes(Dictionary<string, string> attributes) =>
        JsonSerializer.Serialize(attributes, HistoryJsonContext.Default.DictionaryStringString);

    public static Dictionary<string, string> DeserializeAttributes(string? json) =>
        json is null ? new(StringComparer.Ordinal) : JsonSerializer.Deserialize(json, HistoryJsonContext.Default.DictionaryStringString) ?? new(StringComparer.Ordinal);

    public static string SerializeParent(ParentLink parent) => JsonSerializer.Serialize(parent, HistoryJsonContext.Default.ParentLink);

    public static ParentLink? DeserializeParent(string? json) =>
        json is null ? null : JsonSerializer.Deserialize(json, HistoryJsonContext.Default.ParentLink);

    public static string SerializeCarried(IReadOnlyList<EventRaised> carried) =>
        JsonSerializer.Serialize(carried as List<EventRaised> ?? [.. carried], HistoryJsonContext.Default.ListEventRaised);

    public static List<EventRaised> DeserializeCarried(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize(json, HistoryJsonContext.Default.ListEventRaised) ?? [];
}
