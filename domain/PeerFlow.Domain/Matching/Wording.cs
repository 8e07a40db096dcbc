using System.Globalization;

namespace PeerFlow.Domain.Matching;

/// <summary>Plain-English fragments shared by the filters and the scoring, so the wording stays consistent.</summary>
internal static class Wording
{
    /// <summary>"3 March 2026": the way dates are written in UK letters, independent of the server's culture.</summary>
    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string Count(int count, string singular, string plural) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? singular : plural)}");

    public static string Families(int count) => count == 1 ? "family" : "families";

    /// <summary>"a female", "an older": the article a coordinator would write.</summary>
    public static string WithArticle(string word) =>
        ("aeiou".Contains(char.ToLowerInvariant(word[0]), StringComparison.Ordinal) ? "an " : "a ") + word;

    /// <summary>Languages are proper nouns ("Polish"), however the tag was typed.</summary>
    public static string Capitalised(string word) =>
        word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];
}
