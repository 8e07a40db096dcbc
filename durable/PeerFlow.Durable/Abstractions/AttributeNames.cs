namespace PeerFlow.Durable;

/// <summary>Searchable attribute names become table columns, so they are kept to plain identifiers.</summary>
public static class AttributeNames
{
    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 32 && char.IsAsciiLetter(name[0]) && name.All(char.IsAsciiLetterOrDigit);
}
