namespace PeerFlow.Domain.Matching;

/// <summary>UK outward codes: the district ("EX1") and the area, its leading letters ("EX").</summary>
internal static class Postcode
{
    /// <summary>Normalised district, or null when none is recorded. A full postcode ("ex1 2ab") is cut to its district,
    /// so a coordinator who types the whole thing still gets a match.</summary>
    public static string? District(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var trimmed = raw.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        return (space < 0 ? trimmed : trimmed[..space]).ToUpperInvariant();
    }

    public static string? Area(string? raw)
    {
        var district = District(raw);
        if (district is null)
        {
            return null;
        }

        var letters = new string([.. district.TakeWhile(char.IsAsciiLetter)]);
        return letters.Length == 0 ? null : letters;
    }
}
