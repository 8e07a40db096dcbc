using System.Text;
using System.Text.RegularExpressions;
using PeerFlow.Domain.Records;

namespace PeerFlow.Domain.People;

/// <summary>What kind of detail a search token stands for; its letter is the token's prefix in the index.</summary>
public enum TokenKind
{
    Name,
    Email,
    Phone,
    Postcode,

    /// <summary>
    /// A name word in a postcode district, "w:okafor@EX4": what intake's same-person check reads, one small partition
    /// per word, instead of a whole district's partition, which grows with every referral there. Never typed in a search.
    /// </summary>
    NameInDistrict,
}

/// <summary>One normalised detail: "n:okafor", "e:tom@example.com", "t:07700900123", "p:EX4", "w:okafor@EX4".</summary>
public sealed record SearchToken(TokenKind Kind, string Value)
{
    public string Key => Letter(Kind) + ":" + Value;

    public static string Letter(TokenKind kind) => kind switch
    {
        TokenKind.Name => "n",
        TokenKind.Email => "e",
        TokenKind.Phone => "t",
        TokenKind.NameInDistrict => "w",
        _ => "p",
    };
}

/// <summary>
/// How a person's details and a search are cut into the same tokens, so that "Tom Okafor", "okafor tom",
/// "+44 7700 900123" and "07700900123" find the same person: lower case without accents for names and emails,
/// digits (UK form) for phones, the outward code for postcodes.
/// </summary>
public static partial class SearchTokens
{
    /// <summary>At most this many tokens of a query are used: each costs a query per scheme.</summary>
    public const int MaxQueryTokens = 6;

    /// <summary>Every token the index holds for a person.</summary>
    public static IReadOnlyList<SearchToken> Of(Person person)
    {
        var tokens = new List<SearchToken>();
        tokens.AddRange(NameWords(person.Name).Select(w => new SearchToken(TokenKind.Name, w)));
        if (Email(person.Email) is { } email)
        {
            tokens.Add(new SearchToken(TokenKind.Email, email));
        }

        if (Phone(person.Phone) is { } phone)
        {
            tokens.Add(new SearchToken(TokenKind.Phone, phone));
        }

        // The mobile for texts is found like any phone number: staff type it as 07700 900123.
        if (Phone(person.Mobile) is { } mobile)
        {
            tokens.Add(new SearchToken(TokenKind.Phone, mobile));
        }

        if (Postcode(person.PostcodeDistrict) is { } district)
        {
            tokens.Add(new SearchToken(TokenKind.Postcode, district));
            tokens.AddRange(NameWords(person.Name).Select(w => new SearchToken(TokenKind.NameInDistrict, w + "@" + district)));
        }

        return [.. tokens.Distinct()];
    }

    /// <summary>What someone typed in the search box, as tokens: every one must match (names by their start).</summary>
    public static IReadOnlyList<SearchToken> OfQuery(string? query)
    {
        var tokens = new List<SearchToken>();
        var rest = query ?? "";

        // Phone numbers first: people type them with spaces, which would otherwise split them into words.
        rest = PhoneRun().Replace(rest, m =>
        {
            if (Phone(m.Value) is { } phone)
            {
                tokens.Add(new SearchToken(TokenKind.Phone, phone));
                return " ";
            }

            return m.Value;
        });

        var words = rest.Split([' ', ',', ';', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        foreach (var word in words)
        {
            if (word.Contains('@', StringComparison.Ordinal))
            {
                if (Email(word) is { } email)
                {
                    tokens.Add(new SearchToken(TokenKind.Email, email));
                }
            }
            else if (Postcode(word) is { } district)
            {
                tokens.Add(new SearchToken(TokenKind.Postcode, district));
            }
            else if (InwardCode().IsMatch(word))
            {
                // The second half of a full postcode: PeerFlow keeps only the first.
            }
            else
            {
                tokens.AddRange(NameWords(word).Select(w => new SearchToken(TokenKind.Name, w)));
            }
        }

        return [.. tokens.Distinct().Take(MaxQueryTokens)];
    }

    // PeerFlow runs with invariant globalization, where string.Normalize cannot take accents apart: Latin letters with
    // accents (U+00C0–U+024F) are folded by this table instead, so "Zoë" and "Zoe" are one name.
    private const string Accented = "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝàáâãäåçèéêëìíîïðñòóôõöøùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦħĨĩĪīĬĭĮįİıĴĵĶķĹĺĻļĽľŁłŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳ";
    private const string Plain = "AAAAAACEEEEIIIIDNOOOOOOUUUUYaaaaaaceeeeiiiidnoooooouuuuyyAaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiJjKkLlLlLlLlNnNnNnOoOoOoRrRrRrSsSsSsSsTtTtUuUuUuUuUuUuWwYyYZzZzZzOoUuAaIiOoUuUuUuUuUuAaAaGgKkOoOojGgNnAaAaAaEeEeIiIiOoOoRrRrUuUuSsTtHhAaEeOoOoOoOoYy";

    /// <summary>"Mary-Jane O'Brien" → mary, jane, obrien.</summary>
    public static IEnumerable<string> NameWords(string? name)
    {
        foreach (var word in (name ?? "").Split([' ', '-', '\u2010', '\u2011', '.', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            var plain = new StringBuilder();
            foreach (var c in word)
            {
                if (char.IsLetterOrDigit(c))
                {
                    var folded = Accented.IndexOf(c, StringComparison.Ordinal);
                    plain.Append(char.ToLowerInvariant(folded >= 0 ? Plain[folded] : c));
                }
            }

            if (plain.Length >= 2)
            {
                yield return plain.ToString();
            }
        }
    }

    /// <summary>Lower case; characters the table's keys refuse become '~' (a rare email matches a little wider, never narrower).</summary>
    public static string? Email(string? email)
    {
        var trimmed = email?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(trimmed) || !trimmed.Contains('@', StringComparison.Ordinal) || trimmed.Length > 254)
        {
            return null;
        }

        return string.Concat(trimmed.Select(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c) ? '~' : c));
    }

    /// <summary>Digits only, UK form: "+44 (0)7700 900123" and "07700 900123" → "07700900123". Fewer than 6 digits: none.</summary>
    public static string? Phone(string? phone)
    {
        var digits = string.Concat((phone ?? "").Where(char.IsAsciiDigit));
        if (digits.StartsWith("0044", StringComparison.Ordinal))
        {
            digits = digits[4..];
        }
        else if (digits.StartsWith("44", StringComparison.Ordinal) && digits.Length >= 12)
        {
            digits = digits[2..];
        }

        if (digits.Length >= 10 && !digits.StartsWith('0'))
        {
            digits = "0" + digits;
        }

        // "+44 (0)7700…" leaves a doubled zero.
        if (digits.StartsWith("00", StringComparison.Ordinal) && digits.Length == 12)
        {
            digits = digits[1..];
        }

        return digits.Length >= 6 ? digits : null;
    }

    public static string? Postcode(string? district)
    {
        var upper = district?.Trim().ToUpperInvariant();
        return upper is not null && District().IsMatch(upper) ? upper : null;
    }

    [GeneratedRegex(@"\+?\(?\d[\d\s\-()]{4,}\d")]
    private static partial Regex PhoneRun();

    [GeneratedRegex("^[A-Z]{1,2}[0-9][0-9A-Z]?$")]
    private static partial Regex District();

    [GeneratedRegex("^[0-9][A-Za-z]{2}$")]
    private static partial Regex InwardCode();
}
