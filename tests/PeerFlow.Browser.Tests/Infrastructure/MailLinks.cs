using System.Diagnostics;
using System.Text.RegularExpressions;
using PeerFlow.Domain.Email;

namespace PeerFlow.Browser.Tests.Infrastructure;

/// <summary>Finding the email a test expects in the mail capture, and the link in it that a person would follow.</summary>
internal static partial class MailLinks
{
    public static async Task<CapturedMail> WaitAsync(CapturedMailStore store, Func<CapturedMail, bool> match, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var seen = new Dictionary<string, CapturedMail>(StringComparer.Ordinal);
        while (true)
        {
            foreach (var summary in await store.ListAsync())
            {
                if (!seen.TryGetValue(summary.Id, out var mail))
                {
                    mail = await store.GetAsync(summary.Id);
                    if (mail is null)
                    {
                        continue;
                    }

                    seen[summary.Id] = mail;
                }

                if (match(mail))
                {
                    return mail;
                }
            }

            if (clock.Elapsed > timeout)
            {
                var subjects = string.Join("\n", seen.Values.Select(m => $"  {string.Join(", ", m.Summary.To)}: {m.Summary.Subject}"));
                throw new TimeoutException($"No matching email within {timeout.TotalSeconds:0} s. Captured:\n{(subjects.Length > 0 ? subjects : "  nothing")}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>The first link in the plain-text body (else the HTML) whose URL matches the pattern.</summary>
    public static string First(CapturedMail mail, string linkPattern)
    {
        var pattern = new Regex(linkPattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var links = Links().Matches(mail.Text ?? string.Empty).Concat(Links().Matches(mail.Html ?? string.Empty)).Select(m => m.Value);
        return links.FirstOrDefault(pattern.IsMatch)
            ?? throw new InvalidOperationException($"No link matching /{linkPattern}/ in '{mail.Summary.Subject}':\n{mail.Text}");
    }

    [GeneratedRegex(@"https?://[^\s""'<>]+", RegexOptions.CultureInvariant)]
    private static partial Regex Links();
}
