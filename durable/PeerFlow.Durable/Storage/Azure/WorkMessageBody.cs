using System.Buffers;
using System.Text;
using System.Text.Json;

namespace PeerFlow.Durable.Storage.Azure;

/// <summary>The body of a wake-up message: <c>{"id":"&lt;instanceId&gt;"}</c>. JSON, so the Functions host passes it through as an object.</summary>
internal static class WorkMessageBody
{
    public static string Format(string instanceId)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", instanceId);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <returns>The instance id, or "" when the body is not a wake-up message.</returns>
    public static string Parse(BinaryData body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("id", out var id)
                && id.ValueKind == JsonValueKind.String
                ? id.GetString() ?? ""
                : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }
}
