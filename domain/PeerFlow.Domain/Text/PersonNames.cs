namespace PeerFlow.Domain.Text;

/// <summary>How PeerFlow addresses people: by the first word of the name they gave.</summary>
public static class PersonNames
{
    /// <summary>"Priya" for "Priya Shah"; the name as it is when it has no space to split at.</summary>
    public static string First(string fullName)
    {
        ArgumentNullException.ThrowIfNull(fullName);
        return fullName.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? fullName;
    }
}
