using System.Text.RegularExpressions;

namespace PeerFlow.Durable;

/// <summary>Instance ids become table partition keys and blob prefixes, so only plain characters are allowed.</summary>
public static partial class InstanceIds
{
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    public static void Validate(string id)
    {
        if (!IsValid(id))
        {
            throw new ArgumentException($"Instance id '{id}' must be 1-200 letters, digits, '-', '_', '.' or ':', starting with a letter or digit.", nameof(id));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$")]
    private static partial Regex Pattern();
}
