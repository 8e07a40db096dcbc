using System.Text.Json.Nodes;

namespace PeerFlow.Domain.Email;

/// <summary>Reads the parts of a SendGrid v3 Mail Send body that the capture shows, and checks the ones SendGrid requires.</summary>
public static class SendGridPayload
{
    public sealed record Problem(string? Field, string Message);

    /// <summary>A minimal check, as SendGrid would answer 400: personalizations with recipients, from, subject, content.</summary>
    public static IReadOnlyList<Problem> Validate(JsonNode? root)
    {
        var errors = new List<Problem>();
        if (root is not JsonObject body)
        {
            errors.Add(new Problem(null, "The request body must be a JSON object."));
            return errors;
        }

        if (body["personalizations"] is not JsonArray { Count: > 0 } personalizations)
        {
            errors.Add(new Problem("personalizations", "The personalizations field is required and must have at least one personalization."));
        }
        else
        {
            for (var i = 0; i < personalizations.Count; i++)
            {
                if (personalizations[i]?["to"] is not JsonArray { Count: > 0 } to || to.Any(a => string.IsNullOrWhiteSpace(Text(a?["email"]))))
                {
                    errors.Add(new Problem($"personalizations.{i}.to", "Each personalization needs at least one recipient with an email address."));
                }
                else if (to.Any(a => Text(a?["email"])!.TrimEnd().EndsWith(".invalid", StringComparison.OrdinalIgnoreCase)))
                {
                    // The reserved .invalid domain (RFC 2606) can never receive mail: the stand-in refuses it as SendGrid
                    // refuses an address it will not send to, so a refused address can be tried end to end.
                    errors.Add(new Problem($"personalizations.{i}.to", "Does not contain a valid address."));
                }
            }

            if (string.IsNullOrWhiteSpace(Text(body["subject"])) && personalizations.Any(p => string.IsNullOrWhiteSpace(Text(p?["subject"]))))
            {
                errors.Add(new Problem("subject", "The subject is required, globally or in every personalization."));
            }
        }

        if (string.IsNullOrWhiteSpace(Text(body["from"]?["email"])))
        {
            errors.Add(new Problem("from.email", "The from address is required."));
        }

        if (body["content"] is not JsonArray { Count: > 0 } content
            || content.Any(c => string.IsNullOrWhiteSpace(Text(c?["type"])) || string.IsNullOrEmpty(Text(c?["value"]))))
        {
            errors.Add(new Problem("content", "The content field needs at least one item with a type and a value."));
        }

        if (body["attachments"] is JsonArray attachments
            && attachments.Any(a => string.IsNullOrWhiteSpace(Text(a?["filename"])) || !IsBase64(Text(a?["content"]))))
        {
            errors.Add(new Problem("attachments", "Each attachment needs a filename and Base64 content."));
        }

        return errors;
    }

    public static IReadOnlyList<string> Recipients(JsonObject body) =>
        [.. (body["personalizations"] as JsonArray ?? []).SelectMany(p => p?["to"] as JsonArray ?? []).Select(a => Text(a?["email"]) ?? string.Empty)];

    public static string Subject(JsonObject body) =>
        Text(body["personalizations"]?[0]?["subject"]) ?? Text(body["subject"]) ?? string.Empty;

    public static string From(JsonObject body) =>
        Text(body["from"]?["name"]) is { Length: > 0 } name ? $"{name} <{Text(body["from"]?["email"])}>" : Text(body["from"]?["email"]) ?? string.Empty;

    /// <summary>Message-wide custom_args, overridden by the first personalization's, as SendGrid merges them.</summary>
    public static IReadOnlyDictionary<string, string> CustomArgs(JsonObject body)
    {
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in new[] { body["custom_args"], body["personalizations"]?[0]?["custom_args"] })
        {
            foreach (var (key, value) in source as JsonObject ?? [])
            {
                args[key] = Text(value) ?? string.Empty;
            }
        }

        return args;
    }

    public static string? Content(JsonObject body, string type) =>
        (body["content"] as JsonArray ?? []).FirstOrDefault(c => string.Equals(Text(c?["type"]), type, StringComparison.OrdinalIgnoreCase)) is { } item
            ? Text(item["value"])
            : null;

    public static IReadOnlyList<CapturedAttachment> Attachments(JsonObject body) =>
        [.. (body["attachments"] as JsonArray ?? []).Select(a => new CapturedAttachment(
            Text(a?["filename"]) ?? "attachment",
            Text(a?["type"]) ?? "application/octet-stream",
            Convert.FromBase64String(Text(a?["content"]) ?? string.Empty)))];

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static bool IsBase64(string? value) =>
        value is not null && Convert.TryFromBase64String(value, new byte[value.Length], out _);
}
