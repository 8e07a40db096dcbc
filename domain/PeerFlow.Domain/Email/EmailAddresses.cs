using System.Net.Mail;

namespace PeerFlow.Domain.Email;

/// <summary>
/// What PeerFlow accepts as an email address: one bare address (name@example.org), nothing else. A display name, a
/// second address, spaces, or a CR, LF or other control character is refused, so that nothing typed into a form can
/// add a header or a recipient to an email.
/// </summary>
public static class EmailAddresses
{
    public const int MaxLength = 254;

    private const string LocalSymbols = "!#$%&'*+/=?^_`{|}~-.";

    public static bool IsValid(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength || value.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            return false;
        }

        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != value.LastIndexOf('@') || at > 64)
        {
            return false;
        }

        var local = value[..at];
        var domain = value[(at + 1)..];
        if (local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal)
            || !local.All(c => char.IsAsciiLetterOrDigit(c) || LocalSymbols.Contains(c, StringComparison.Ordinal)))
        {
            return false;
        }

        var labels = domain.Split('.');
        if (labels.Length < 2 || labels[^1].Length < 2
            || labels.Any(l => l.Length is 0 or > 63 || l.StartsWith('-') || l.EndsWith('-') || !l.All(c => char.IsLetterOrDigit(c) || c == '-')))
        {
            return false;
        }

        // The framework's parser as a second opinion: it must read the same single address, with no display name.
        return MailAddress.TryCreate(value, out var parsed) && parsed.Address == value && parsed.DisplayName.Length == 0;
    }
}
