namespace PeerFlow.Domain.Matching;

/// <summary>Set operations on coordinator-typed tags ("Art", " art", "art" are one tag).</summary>
internal static class Tags
{
    public static HashSet<string> ToSet(IEnumerable<string> tags) =>
        new(tags.Select(t => t.Trim()).Where(t => t.Length > 0), StringComparer.OrdinalIgnoreCase);

    /// <summary>The wanted tags the other side also has, sorted so reasons read the same on every run.</summary>
    public static List<string> Shared(IEnumerable<string> wanted, IEnumerable<string> offered)
    {
        var have = ToSet(offered);
        return [.. ToSet(wanted).Where(have.Contains).Order(StringComparer.OrdinalIgnoreCase)];
    }

    public static bool AnyShared(IEnumerable<string> wanted, IEnumerable<string> offered) => Shared(wanted, offered).Count > 0;

    public static bool IsEmpty(IEnumerable<string> tags) => ToSet(tags).Count == 0;

    /// <summary>"early-placement" reads as "early placement" to a coordinator.</summary>
    public static string Display(string tag) => tag.Replace('-', ' ');

    public static string DisplayList(IEnumerable<string> tags) => string.Join(", ", tags.Select(Display));
}
