using System.Text.Json;

namespace PeerFlow.Durable;

/// <summary>Serialises inputs, outputs, event payloads and custom status. JSON with web defaults.</summary>
public sealed class DataConverter(JsonSerializerOptions? options = null)
{
    private readonly JsonSerializerOptions options = options ?? new JsonSerializerOptions(JsonSerializerDefaults.Web);

    public static DataConverter Default { get; } = new();

    public string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), options);

    public object? Deserialize(string? json, Type type) => json is null
        ? (type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null)
        : JsonSerializer.Deserialize(json, type, options);

    public T? Deserialize<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, options);
}
