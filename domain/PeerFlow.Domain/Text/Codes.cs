namespace PeerFlow.Domain.Text;

/// <summary>
/// An enum's code as people and clients send it ("From25To34", "health", any case): one of its names, never a number
/// or a list of names, which <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> would let through.
/// </summary>
public static class Codes
{
    public static bool TryParse<T>(string? code, out T value)
        where T : struct, Enum
    {
        var name = code is null ? null : Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, code.Trim(), StringComparison.OrdinalIgnoreCase));
        value = name is null ? default : Enum.Parse<T>(name);
        return name is not null;
    }

    /// <summary>The value a code names, or null when none was given (or it is not a code: validators refuse those first).</summary>
    public static T? Parse<T>(string? code)
        where T : struct, Enum => TryParse<T>(code, out var value) ? value : null;
}
