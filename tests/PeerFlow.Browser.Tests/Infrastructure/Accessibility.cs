using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PeerFlow.Browser.Tests.Infrastructure;

/// <summary>
/// axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules plus its best practices. Serious and critical problems fail a
/// test; every problem found is written to artifacts/accessibility/{name}.txt for a person to read.
/// </summary>
internal static class Accessibility
{
    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

    /// <summary>axe's impacts, worst first; the first two fail a test.</summary>
    private static readonly string[] Impacts = ["critical", "serious", "moderate", "minor"];

    public sealed record Report(bool Passed, string Message);

    public static async Task<Report> CheckAsync(IPage page, string name)
    {
        // Not into iframes: PeerFlow's pages have none, and the mail viewer's one shows an email in a sandbox that
        // allows no script, where axe would wait for an answer for ever.
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Tags] },
            ResultTypes = [ResultType.Violations],
            Iframes = false,
        }).WaitAsync(BrowserApp.Timeout);

        var all = result.Violations ?? [];
        var failing = all.Where(v => Rank(v) < 2).ToList();
        var text = new StringBuilder();
        text.Append("axe-core on ").Append(name).Append(" (").Append(page.Url).Append("), tags ").AppendJoin(", ", Tags).AppendLine(":");
        if (all.Length == 0)
        {
            text.AppendLine("no violations.");
        }

        foreach (var violation in all.OrderBy(Rank).ThenBy(v => v.Id, StringComparer.Ordinal))
        {
            Describe(text, violation);
        }

        await File.WriteAllTextAsync(Path.Combine(Artifacts.Folder("accessibility"), Artifacts.FileName(name) + ".txt"), text.ToString());
        return new(failing.Count == 0, failing.Count == 0 ? text.ToString() : $"{failing.Count} serious or critical accessibility problem(s). {text}");
    }

    private static int Rank(AxeResultItem violation) =>
        Array.IndexOf(Impacts, violation.Impact) is var rank and >= 0 ? rank : Impacts.Length;

    private static void Describe(StringBuilder text, AxeResultItem violation)
    {
        text.Append("- ").Append(violation.Id).Append(" (").Append(violation.Impact).Append("): ").Append(violation.Help)
            .Append(" <").Append(violation.HelpUrl).AppendLine(">");
        foreach (var node in violation.Nodes ?? [])
        {
            var html = node.Html ?? string.Empty;
            text.Append("    at ").Append(node.Target?.ToString()).Append("  ").AppendLine(html.Length > 160 ? html[..160] + "…" : html);
        }
    }
}
