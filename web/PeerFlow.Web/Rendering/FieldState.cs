using System.Globalization;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace PeerFlow.Web.Rendering;

public static class FieldIds
{
    /// <summary>The element id of a field named like "Input.Name": the same rule the error summary links with.</summary>
    public static string For(string name) => TagBuilder.CreateSanitizedId(name, "_");
}

/// <summary>
/// A form field's state on a drawn page: its errors after a failed post, and the text to show (what was posted, so
/// nothing typed is lost, otherwise the model's value).
/// </summary>
public sealed class FieldState(PageContext context, string name, object? model, string? hint)
{
    public string Name => name;

    public string Id { get; } = FieldIds.For(name);

    public IReadOnlyList<string> Errors { get; } =
        context.ModelState.TryGetValue(name, out var entry) ? [.. entry.Errors.Select(e => e.ErrorMessage)] : [];

    public bool HasErrors => Errors.Count > 0;

    public string Value =>
        context.ModelState.TryGetValue(name, out var entry) && entry.AttemptedValue is not null ? entry.AttemptedValue : Format(model);

    public IReadOnlyList<string> Values =>
        context.ModelState.TryGetValue(name, out var entry) && entry.RawValue is not null
            ? entry.RawValue switch { string[] many => many, string one => [one], _ => [] }
            : model switch { string one => [one], IEnumerable<string> many => [.. many], null => [], var one => [Format(one)] };

    public string? DescribedBy
    {
        get
        {
            var ids = string.Join(' ', new[] { hint is null ? null : Id + "-hint", HasErrors ? Id + "-error" : null }.Where(x => x is not null));
            return ids.Length == 0 ? null : ids;
        }
    }

    public string? Invalid => HasErrors ? "true" : null;

    public static string Format(object? value) => value switch
    {
        null => string.Empty,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
