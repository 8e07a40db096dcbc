namespace PeerFlow.Domain.Text;

/// <summary>
/// What text people may type into PeerFlow. Control characters and bidirectional overrides are refused: a CR or LF
/// in a name forges lines in emails and exports, a NUL is refused by Table storage, and a right-to-left override
/// makes "Safe\u202Egnp.exe" read as "Safeexe.png" on a coordinator's screen. Line breaks (and tabs) are allowed only
/// in free-text fields that are shown as several lines.
/// </summary>
public static class PlainText
{
    /// <summary>True when <paramref name="text"/> holds nothing refused; null and empty are fine (other rules say if they are needed).</summary>
    public static bool IsAllowed(string? text, bool multiLine = false)
    {
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c) || IsBidiControl(c) || c is '\u2028' or '\u2029' || (char.IsControl(c) && !(multiLine && c is '\r' or '\n' or '\t')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they reorder what follows them.</summary>
    private static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
