using System.Globalization;
using System.Text.Json;

namespace PeerFlow.Functions.CustomHandler;

/// <summary>
/// What the Functions host posts to a custom handler for a non-HTTP trigger: <c>{ "Data": { binding: value }, "Metadata": { ... } }</c>.
/// </summary>
internal sealed record InvocationRequest(JsonElement Data, JsonElement Metadata)
{
    public static async Task<InvocationRequest> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidInvocationException("The invocation body is not a JSON object.");
        }

        return new InvocationRequest(
            root.TryGetProperty(nameof(Data), out var data) ? data.Clone() : default,
            root.TryGetProperty(nameof(Metadata), out var metadata) ? metadata.Clone() : default);
    }

    /// <summary>
    /// A binding's value as JSON. The host sends a queue message as a JSON string, and a string message's text is
    /// itself JSON-quoted once more, so strings are unwrapped until an object or a non-JSON string remains.
    /// </summary>
    public JsonElement Binding(string name)
    {
        if (Data.ValueKind != JsonValueKind.Object || !Data.TryGetProperty(name, out var value))
        {
            throw new InvalidInvocationException($"The invocation has no data for binding '{name}'.");
        }

        for (var depth = 0; depth < 3 && value.ValueKind == JsonValueKind.String; depth++)
        {
            try
            {
                using var inner = JsonDocument.Parse(value.GetString()!);
                value = inner.RootElement.Clone();
            }
            catch (JsonException)
            {
                break;
            }
        }

        return value;
    }

    public string? MetadataString(string name) =>
        Metadata.ValueKind == JsonValueKind.Object && Metadata.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    public long MetadataNumber(string name, long fallback) =>
        long.TryParse(MetadataString(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : fallback;
}

internal sealed class InvalidInvocationException : Exception
{
    public InvalidInvocationException(string message) : base(message) { }

    public InvalidInvocationException() { }

    public InvalidInvocationException(string message, Exception inner) : base(message, inner) { }
}
