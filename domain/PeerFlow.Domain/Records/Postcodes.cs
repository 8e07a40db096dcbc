using System.Text.RegularExpressions;

namespace PeerFlow.Domain.Records;

/// <summary>Postcode districts ("EX4", the first half of a postcode) and their areas ("EX", its letters).</summary>
public static partial class Postcodes
{
    /// <summary>A district as the form takes it, upper case: one or two letters, a digit, and a digit or letter.</summary>
    public static bool IsDistrict(string? text) => text is not null && District().IsMatch(text);

    /// <summary>"EX" of "EX4", "EX" of "EX" (an area kept alone); null for anything else.</summary>
    public static string? Area(string? text)
    {
        var trimmed = text?.Trim().ToUpperInvariant();
        return trimmed is null ? null
            : IsDistrict(trimmed) ? new string([.. trimmed.TakeWhile(char.IsAsciiLetter)])
            : AreaOnly().IsMatch(trimmed) ? trimmed
            : null;
    }

    /// <summary>Districts in the order a map book lists them: by area, then by number (EX2 before EX10).</summary>
    public static int Compare(string a, string b)
    {
        var (areaA, numberA, restA) = Parts(a);
        var (areaB, numberB, restB) = Parts(b);
        var byArea = string.CompareOrdinal(areaA, areaB);
        if (byArea != 0)
        {
            return byArea;
        }

        var byNumber = numberA.CompareTo(numberB);
        return byNumber != 0 ? byNumber : string.CompareOrdinal(restA, restB);
    }

    private static (string Area, int Number, string Tail) Parts(string district)
    {
        var letters = new string([.. district.TakeWhile(char.IsAsciiLetter)]);
        var digits = new string([.. district.Skip(letters.Length).TakeWhile(char.IsAsciiDigit)]);
        return (letters, digits.Length == 0 ? 0 : int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture), district[(letters.Length + digits.Length)..]);
    }

    [GeneratedRegex("^[A-Z]{1,2}[0-9][0-9A-Z]?$")]
    private static partial Regex District();

    [GeneratedRegex("^[A-Z]{1,2}$")]
    private static partial Regex AreaOnly();
}
