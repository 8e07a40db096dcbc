using System.Diagnostics.CodeAnalysis;

namespace PeerFlow.Domain.Sms;

/// <summary>
/// UK mobile numbers, the only numbers PeerFlow texts: written as people write them (07700 900123, +44 7700 900123,
/// 0044 7700 900123, with spaces, dots, dashes or brackets) and kept in E.164 (+447700900123), the form Twilio takes.
/// </summary>
public static class UkMobile
{
    public const string Message = "Enter a UK mobile number, like 07700 900123 or +44 7700 900123.";

    /// <summary>The number in E.164, or false when it is not a UK mobile (landlines and other countries included).</summary>
    public static bool TryNormalise(string? text, [NotNullWhen(true)] out string? e164)
    {
        e164 = null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 32)
        {
            return false;
        }

        var digits = new System.Text.StringBuilder();
        var trimmed = text.Trim();
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c == '+' && i == 0)
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')'))
            {
                return false;
            }
        }

        var number = digits.ToString();
        // "+44 (0)7700 900123" is common on letterheads: the (0) is dropped inside the brackets' digits.
        if (number.StartsWith("+440", StringComparison.Ordinal))
        {
            number = "+44" + number[4..];
        }

        var national = number switch
        {
            _ when number.StartsWith("+44", StringComparison.Ordinal) => number[3..],
            _ when number.StartsWith("0044", StringComparison.Ordinal) => number[4..],
            _ when number.StartsWith("07", StringComparison.Ordinal) => number[1..],
            _ => null,
        };

        // UK mobiles are 07 followed by nine digits: 7 and nine digits after the country code.
        if (national is not { Length: 10 } || national[0] != '7' || !national.All(char.IsAsciiDigit))
        {
            return false;
        }

        e164 = "+44" + national;
        return true;
    }

    public static bool IsValid(string? text) => TryNormalise(text, out _);

    /// <summary>The number for a person to read on a page: 07700 900123.</summary>
    public static string Display(string e164) =>
        e164.StartsWith("+447", StringComparison.Ordinal) && e164.Length == 13 ? $"0{e164[3..7]} {e164[7..]}" : e164;
}
